// Reference values from SciPy 1.17.1 (Debian python3-scipy): stats.wilcoxon(d, method='exact'),
// stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx'), stats.ttest_1samp(d, 0);
// Holm adjustments computed by hand.
import { describe, expect, it } from 'vitest';

import { family, holm, pairedTest } from './paired-tests.ts';

describe('pairedTest', () => {
  it('matches SciPy exact Wilcoxon and paired t on distinct differences', () => {
    const d = [1.5, -0.3, 2.9, 1.9, -0.5, 2.6, 3.0, 1.3];
    const t = pairedTest(
      d,
      d.map(() => 0),
    )!;
    expect(t.wilcoxonMethod).toBe('exact');
    expect(t.wilcoxonP).toBeCloseTo(0.0390625, 10);
    expect(t.tP).toBeCloseTo(0.01431228013225232, 10);
    expect([t.n, t.wins, t.ties]).toEqual([8, 6, 0]);
    expect(t.diff.mean).toBeCloseTo(12.4 / 8, 12);
  });

  it('pairs two samples element by element (a − b)', () => {
    const b = [10, 20, 30];
    const t = pairedTest([10.2, 20.5, 30.9], b)!;
    // SciPy: three positive differences, exact two-sided p = 2 / 2³.
    expect(t.wilcoxonP).toBeCloseTo(0.25, 12);
    expect(t.diff.mean).toBeCloseTo(0.5333333333, 9);
  });

  it('matches SciPy normal approximation with ties and a zero difference', () => {
    const d = [1, 2, 2, 3, -1, 4, 0, 5, 6, -2, 3, 7];
    const t = pairedTest(
      d,
      d.map(() => 0),
    )!;
    expect(t.wilcoxonMethod).toBe('normal approximation');
    expect(t.wilcoxonP).toBeCloseTo(0.016051564183940742, 10);
    expect(t.tP).toBeCloseTo(0.009197186914341229, 10);
    expect(t.ties).toBe(1);
  });

  it('gives p = 1 when every pair is identical (loss_avg and output_avg) and skips non-finite pairs', () => {
    const t = pairedTest([0.9, 0.8, Number.NaN, 0.7], [0.9, 0.8, 0.5, 0.7])!;
    expect(t).toMatchObject({ n: 3, wilcoxonP: 1, tP: 1, wilcoxonMethod: 'all differences zero', ties: 3 });
    expect(pairedTest([1], [0])).toBeNull();
    expect(() => pairedTest([1, 2], [1])).toThrow(/differ in length/);
  });
});

describe('holm', () => {
  it('adjusts step-down and keeps the adjusted values monotone', () => {
    const adj = holm([0.01, 0.04, 0.03, 0.5]);
    [0.04, 0.09, 0.09, 0.5].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
    expect(holm([])).toEqual([]);
  });

  it('marks a family member significant only after the adjustment', () => {
    const d1 = [1.5, -0.3, 2.9, 1.9, -0.5, 2.6, 3.0, 1.3]; // raw p 0.039
    const d2 = [0.2, 0.4, 0.9, 1.1, 1.7, 2.2, 2.8, 3.5]; // all positive: exact p 2/256
    const zeros = d1.map(() => 0);
    const f = family([
      { name: 'one', pairing: 'x', a: d1, b: zeros },
      { name: 'two', pairing: 'x', a: d2, b: zeros },
    ]);
    expect(f[0]!.test.wilcoxonP).toBeLessThan(0.05);
    expect(f[0]!.holmP).toBeCloseTo(0.0390625, 10); // max(2 × 0.0078, 1 × 0.039)
    expect(f[1]!.holmP).toBeCloseTo(2 * (2 / 256), 12);
    expect(f.map((c) => c.significant)).toEqual([true, true]);
    const g = family([
      { name: 'one', pairing: 'x', a: d1, b: zeros },
      { name: 'one again', pairing: 'x', a: d1, b: zeros },
    ]);
    expect(g.map((c) => c.significant)).toEqual([false, false]);
  });
});

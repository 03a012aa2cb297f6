import { describe, expect, it } from 'vitest';

import { formatCell, mean, meanSem, poolCells, semOfSd } from './stats.ts';

describe('meanSem', () => {
  it('uses the sample standard deviation (ddof 1), as pandas sem does', () => {
    // [1, 2, 3, 4]: variance (ddof 1) = 5/3, so SEM = sqrt(5/3 / 4) ≈ 0.6455.
    const r = meanSem([1, 2, 3, 4]);
    expect(r.mean).toBe(2.5);
    expect(r.sem).toBeCloseTo(Math.sqrt(5 / 3 / 4), 12);
    expect(r.n).toBe(4);
  });

  it('has no SEM for a single value and no mean for none', () => {
    expect(meanSem([7])).toEqual({ mean: 7, sem: null, n: 1 });
    expect(meanSem([]).mean).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('agrees with a SEM computed from SQL stddev_samp', () => {
    const sd = Math.sqrt(5 / 3);
    expect(semOfSd(sd, 4)).toBeCloseTo(meanSem([1, 2, 3, 4]).sem!, 12);
    expect(semOfSd(sd, 1)).toBeNull();
    expect(semOfSd(null, 3)).toBeNull();
  });
});

describe('poolCells', () => {
  it('equals mean/SEM computed over the union of the raw values', () => {
    const a = [0.81, 0.83, 0.82];
    const b = [0.79, 0.84];
    const c = [0.8];
    const cells = [a, b, c].map((v) => meanSem(v));
    const pooled = poolCells(cells)!;
    const direct = meanSem([...a, ...b, ...c]);
    expect(pooled.n).toBe(6);
    expect(pooled.mean).toBeCloseTo(direct.mean, 12);
    expect(pooled.sem!).toBeCloseTo(direct.sem!, 12);
  });

  it('has no SEM for a single run and nothing for no runs', () => {
    expect(poolCells([{ mean: 0.5, sem: null, n: 1 }])).toEqual({ mean: 0.5, sem: null, n: 1 });
    expect(poolCells([])).toBeNull();
  });
});

describe('formatCell', () => {
  it('prints a dash for no SEM', () => {
    expect(formatCell({ mean: 1.5, sem: null, n: 1 }, false)).toBe('1.50 (–), 1');
  });

  it('prints the method table format in percent', () => {
    expect(formatCell({ mean: 0.8095, sem: 0.0048, n: 6 }, true)).toBe('80.95 (0.48), 6');
  });

  it('prints the same cell for means that differ only in the last bit (SQL vs pooled sums)', () => {
    // (0.9512 + 0.9515 + 0.9513 + 0.9514) / 4 summed in two orders lands on both sides of 95.135.
    const a = [0.9512, 0.9515, 0.9513, 0.9514].reduce((x, y) => x + y) / 4;
    const b = [0.9514, 0.9513, 0.9515, 0.9512].reduce((x, y) => x + y, 0) / 4;
    const cells = [a, b, 0.95135, 0.9513499999999999, 0.9513500000000001].map((mean) =>
      formatCell({ mean, sem: null, n: 4 }, true),
    );
    expect(new Set(cells).size).toBe(1);
  });

  it("prints a column's own precision when given digits (learning rates need more than two)", () => {
    expect(formatCell({ mean: 0.0015, sem: 0.0005, n: 2 }, false, 4)).toBe('0.0015 (0.0005), 2');
    expect(formatCell({ mean: 3, sem: null, n: 1 }, false, 0)).toBe('3 (–), 1');
  });
});

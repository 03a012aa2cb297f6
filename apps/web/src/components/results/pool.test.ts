import { describe, expect, it } from 'vitest';

import { meanSem } from '../charts/smoothing.ts';
import { formatCell, poolCells, regroup } from './pool.ts';

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

describe('regroup', () => {
  it('pools over the dropped field and filters', () => {
    const rows = [
      { group: { MODE: 'MIMIC_ALL', ALPHA: 0 }, ...meanSem([0.8, 0.82]) },
      { group: { MODE: 'MIMIC_ALL', ALPHA: 0.25 }, ...meanSem([0.84, 0.86]) },
      { group: { MODE: 'MIMIC_ALL', ALPHA: 0.75 }, ...meanSem([0.7]) },
    ];
    const out = regroup(rows, ['MODE'], (r) => r.group.ALPHA !== 0.75);
    expect(out).toHaveLength(1);
    expect(out[0]!.group).toEqual({ MODE: 'MIMIC_ALL' });
    expect(out[0]!.mean).toBeCloseTo(0.83, 12);
    expect(out[0]!.n).toBe(4);
  });
});

describe('formatCell', () => {
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
});

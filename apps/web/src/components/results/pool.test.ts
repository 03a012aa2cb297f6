import { describe, expect, it } from 'vitest';

import { meanSem } from '@distillery/domain';

import { regroup } from './pool.ts';

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

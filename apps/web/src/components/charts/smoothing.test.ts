import { describe, expect, it } from 'vitest';

import { emaSmooth } from './smoothing.ts';

describe('emaSmooth', () => {
  it('returns the input when the weight is 0', () => {
    expect(emaSmooth([1, 2, null, 4], 0)).toEqual([1, 2, null, 4]);
  });

  it('is debiased: starts at the first value and follows the EMA recurrence', () => {
    const w = 0.5;
    const out = emaSmooth([2, 4, 8], w);
    // s1 = 1, s2 = 0.5 + 2 = 2.5, s3 = 1.25 + 4 = 5.25; debias 1 − 0.5^n
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(2.5 / 0.75, 12);
    expect(out[2]).toBeCloseTo(5.25 / 0.875, 12);
  });

  it('keeps gaps and skips non-finite values without advancing', () => {
    const out = emaSmooth([1, null, Number.NaN, 3], 0.5);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNull();
    expect(out[3]).toBeCloseTo((0.25 + 1.5) / 0.75, 12);
  });
});

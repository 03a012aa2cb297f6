import { meanSem } from '@distillery/domain';
import { describe, expect, it } from 'vitest';

import { aggregateCurves } from './aggregate.ts';

describe('aggregateCurves', () => {
  const a = { x: [0, 10, 20], y: [1, 0.5, 0.25] };
  const b = { x: [0, 10, 20], y: [3, 1.5, 0.75] };
  const c = { x: [20, 0, 10], y: [0.5, 2, 1] };

  it('averages runs logged at the same steps, with mean ± SEM (ddof 1) or min/max bands', () => {
    const sem = aggregateCurves([a, b, c], 'sem');
    expect(sem.x).toEqual([0, 10, 20]);
    expect(sem.n).toEqual([3, 3, 3]);
    const at0 = meanSem([1, 3, 2]);
    expect(sem.y[0]).toBeCloseTo(2, 12);
    expect(sem.lo[0]).toBeCloseTo(at0.mean - at0.sem!, 12);
    expect(sem.hi[0]).toBeCloseTo(at0.mean + at0.sem!, 12);
    const mm = aggregateCurves([a, b, c], 'minmax');
    expect([mm.lo[1], mm.y[1], mm.hi[1]]).toEqual([0.5, 1, 1.5]);
  });

  it('interpolates between a run’s own points and never past its first or last one', () => {
    const short = { x: [0, 10], y: [2, 4] };
    const long = { x: [0, 5, 20], y: [0, 1, 1] };
    const g = aggregateCurves([short, long], 'sem');
    expect(g.x).toEqual([0, 5, 10, 20]);
    // At 5: short interpolates to 3, long has 1. At 20 only long has a value (no SEM of one run).
    expect(g.y[1]).toBeCloseTo(2, 12);
    expect(g.n).toEqual([2, 2, 2, 1]);
    expect([g.y[3], g.lo[3], g.hi[3]]).toEqual([1, null, null]);
  });

  it('skips missing values and thins a long union of steps to at most maxPoints', () => {
    const gappy = { x: [0, 1, 2], y: [1, null, Number.NaN] };
    expect(aggregateCurves([gappy], 'minmax').x).toEqual([0]);
    const dense = { x: Array.from({ length: 5000 }, (_, i) => i), y: Array.from({ length: 5000 }, () => 1) };
    const thin = aggregateCurves([dense], 'sem', 100);
    expect(thin.x).toHaveLength(100);
    expect([thin.x[0], thin.x[99]]).toEqual([0, 4999]);
  });
});

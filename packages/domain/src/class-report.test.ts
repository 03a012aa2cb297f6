import { describe, expect, it } from 'vitest';

import { classReport } from './class-report.ts';

describe('classReport', () => {
  it('matches scikit-learn on a 3-class confusion matrix, with null for undefined scores', () => {
    // y_true = [0,0,0,0,1,1,2,2,2,2], y_pred = [0,0,1,2,1,1,0,2,2,2]:
    // sklearn precision [0.6667, 0.6667, 0.75], recall [0.5, 1, 0.75], f1 [0.5714, 0.8, 0.75].
    const r = classReport([2, 1, 1, 0, 2, 0, 1, 0, 3], 3);
    expect(r.classes.map((c) => c.support)).toEqual([4, 2, 4]);
    const near = (xs: (number | null)[], want: number[]) =>
      xs.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 4));
    near(
      r.classes.map((c) => c.precision),
      [2 / 3, 2 / 3, 0.75],
    );
    near(
      r.classes.map((c) => c.recall),
      [0.5, 1, 0.75],
    );
    near(
      r.classes.map((c) => c.f1),
      [4 / 7, 0.8, 0.75],
    );
    expect(r.accuracy).toBeCloseTo(0.7, 10);
    expect(r.macroF1).toBeCloseTo((4 / 7 + 0.8 + 0.75) / 3, 10);
    expect(r.weightedF1).toBeCloseTo((4 * (4 / 7) + 2 * 0.8 + 4 * 0.75) / 10, 10);
    // A class never predicted has no precision; a class without samples has no recall or F1.
    const empty = classReport([3, 0, 0, 0], 2);
    expect(empty.classes[1]).toEqual({ precision: null, recall: null, f1: null, support: 0 });
    expect(empty.macroF1).toBe(1);
    expect(() => classReport([1, 2, 3], 2)).toThrow(/4 cells/);
  });
});

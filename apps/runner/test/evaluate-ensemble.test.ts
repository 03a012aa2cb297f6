// The evaluate-ensemble handler's diversity summary: the JSON shape the API serves as Ensemble.diversity,
// over a real (tiny) ensemble whose measures can be worked out by hand.
import { createEnsemble } from '@distillery/ml/fusion';
import { describe, expect, it } from 'vitest';

import { diversitySummary } from '../src/jobs/evaluate-ensemble/handler.ts';

/** One-hot-ish probabilities (0.9 on the predicted class) for 2 classes. */
const probs = (preds: number[]) =>
  Float32Array.from(preds.flatMap((p) => (p === 0 ? [0.9, 0.1] : [0.1, 0.9])));

describe('evaluate-ensemble diversity summary', () => {
  it('stores M × M matrices per pairwise measure, the non-pairwise measures and the member labels', () => {
    const labels = [0, 1, 0, 1];
    // a is right on samples 0, 1, 3; b on 0, 2, 3; both wrong nowhere; they disagree on 1 and 2.
    const a = [0, 1, 1, 1];
    const b = [0, 0, 0, 1];
    const ensemble = createEnsemble({
      members: [
        { name: 'a', split: 'TEST', probabilities: probs(a) },
        { name: 'b', split: 'TEST', probabilities: probs(b) },
      ],
      labels,
      classes: 2,
    });
    const d = diversitySummary(ensemble) as {
      memberLabels: string[];
      measures: Record<string, (number | null)[][]>;
      nonPairwise: Record<string, number | null>;
    };
    expect(d.memberLabels).toEqual(['a', 'b']);
    expect(Object.keys(d.measures).sort()).toEqual(
      ['correlation', 'disagreement', 'doubleFault', 'kappa', 'kendallTau', 'qStatistic'].sort(),
    );
    for (const m of Object.values(d.measures)) {
      expect(m).toHaveLength(2);
      for (const row of m) expect(row).toHaveLength(2);
      expect(m[0]![1]).toEqual(m[1]![0]);
    }
    const disagreeing = labels.filter((_, s) => a[s] !== b[s]).length / labels.length;
    expect(d.measures.disagreement![0]![1]).toBeCloseTo(disagreeing);
    expect(d.measures.disagreement![0]![0]).toBe(0);
    expect(d.measures.doubleFault![0]![1]).toBe(0);
    expect(d.nonPairwise.oracleAccuracy).toBe(1);
    // JSON-safe: undefined measures are null, never NaN.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('is absent for a single member', () => {
    const one = createEnsemble({
      members: [{ name: 'solo', split: 'TEST', probabilities: probs([0, 1]) }],
      labels: [0, 1],
      classes: 2,
    });
    expect(diversitySummary(one)).toBeNull();
  });
});

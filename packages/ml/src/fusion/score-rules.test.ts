import { describe, expect, it } from 'vitest';
import { ensembleFromScores, singleSample, syntheticEnsemble } from '../testing/ensembles.fixture.ts';
import { fuse, fusePredictions } from './fuse.ts';
import { probabilityMetrics } from './metrics.ts';
import { memberScores, weightsFromValidation } from './weights.ts';

function probs(result: { probabilities?: Float32Array }): number[] {
  return Array.from(result.probabilities ?? []);
}

describe('probability-combining rules on two members [0.9, 0.1] and [0.5, 0.5]', () => {
  const ensemble = singleSample([
    [0.9, 0.1],
    [0.5, 0.5],
  ]);

  it('mean → [0.7, 0.3]; median of two = their mean', () => {
    expect(probs(fusePredictions(ensemble, 'mean'))).toEqual([
      expect.closeTo(0.7, 6),
      expect.closeTo(0.3, 6),
    ]);
    expect(probs(fusePredictions(ensemble, 'median'))).toEqual([
      expect.closeTo(0.7, 6),
      expect.closeTo(0.3, 6),
    ]);
  });

  it('geometric mean → √0.45 : √0.05 = [0.75, 0.25]; product → 0.45 : 0.05 = [0.9, 0.1]', () => {
    expect(probs(fusePredictions(ensemble, 'geometric-mean'))).toEqual([
      expect.closeTo(0.75, 6),
      expect.closeTo(0.25, 6),
    ]);
    expect(probs(fusePredictions(ensemble, 'product'))).toEqual([
      expect.closeTo(0.9, 6),
      expect.closeTo(0.1, 6),
    ]);
  });

  it('max → 0.9 : 0.5 = [9/14, 5/14]', () => {
    expect(probs(fusePredictions(ensemble, 'max'))).toEqual([
      expect.closeTo(9 / 14, 6),
      expect.closeTo(5 / 14, 6),
    ]);
  });

  it('weighted mean with weights [3, 1] → [0.8, 0.2]; weight 0 silences a member', () => {
    expect(probs(fusePredictions(ensemble, 'weighted-mean', { weights: [3, 1] }))).toEqual([
      expect.closeTo(0.8, 6),
      expect.closeTo(0.2, 6),
    ]);
    expect(probs(fusePredictions(ensemble, 'weighted-mean', { weights: [0, 2] }))).toEqual([
      expect.closeTo(0.5, 6),
      expect.closeTo(0.5, 6),
    ]);
  });
});

describe('median and max on three members', () => {
  const ensemble = singleSample([
    [0.7, 0.2, 0.1],
    [0.1, 0.8, 0.1],
    [0.3, 0.3, 0.4],
  ]);

  it('median → 0.3 : 0.3 : 0.1, a tie between 0 and 1 resolved to 1 by the summed probability (1.3 > 1.1)', () => {
    const result = fusePredictions(ensemble, 'median');
    expect(probs(result)).toEqual([
      expect.closeTo(3 / 7, 6),
      expect.closeTo(3 / 7, 6),
      expect.closeTo(1 / 7, 6),
    ]);
    expect(result.predictions[0]).toBe(1);
  });

  it('max → 0.7 : 0.8 : 0.4 and elects 1', () => {
    const result = fusePredictions(ensemble, 'max');
    expect(probs(result)).toEqual([
      expect.closeTo(0.7 / 1.9, 6),
      expect.closeTo(0.8 / 1.9, 6),
      expect.closeTo(0.4 / 1.9, 6),
    ]);
    expect(result.predictions[0]).toBe(1);
  });
});

describe('median with many members (sorted path, M > 32)', () => {
  it('equals a direct median of each class column, renormalised', () => {
    for (const models of [33, 34]) {
      const ensemble = syntheticEnsemble({ models, samples: 5, classes: 3, seed: models });
      const fused = probs(fusePredictions(ensemble, 'median'));
      for (let s = 0; s < 5; s++) {
        const medians = [0, 1, 2].map((c) => {
          const column = ensemble.probabilities.map((p) => p[s * 3 + c] as number).sort((a, b) => a - b);
          return models % 2
            ? (column[models >> 1] as number)
            : ((column[(models >> 1) - 1] as number) + (column[models >> 1] as number)) / 2;
        });
        const total = medians.reduce((a, b) => a + b, 0);
        medians.forEach((m, c) => expect(fused[s * 3 + c]).toBeCloseTo(m / total, 6));
      }
    }
  });
});

describe('calibration metrics', () => {
  it('ECE and NLL of three hand-checked rows', () => {
    // Confidences 0.8 (correct), 0.6 (wrong), 0.7 (correct) fall into separate bins:
    // ECE = (0.2 + 0.6 + 0.3) / 3; NLL = −(ln 0.8 + ln 0.4 + ln 0.7) / 3.
    const p = Float32Array.of(0.8, 0.2, 0.6, 0.4, 0.3, 0.7);
    const { ece, nll } = probabilityMetrics(p, Int32Array.of(0, 1, 1), 2);
    expect(ece).toBeCloseTo(1.1 / 3, 6);
    expect(nll).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.7)) / 3, 6);
  });

  it('fuse() adds ECE and NLL for probability rules', () => {
    const ensemble = ensembleFromScores(
      [
        [
          [8, 2],
          [6, 4],
        ],
        [
          [8, 2],
          [6, 4],
        ],
      ],
      [0, 1],
    );
    const result = fuse(ensemble, 'mean');
    expect(result.accuracy).toBe(0.5);
    expect(result.nll).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4)) / 2, 6);
    expect(result.ece).toBeCloseTo((0.2 + 0.6) / 2, 6);
  });
});

describe('weights from validation scores', () => {
  it('accuracy: w ∝ log(p(C−1)/(1−p)), so a worse member weighs less and a chance-level member weighs 0', () => {
    const w = weightsFromValidation({ by: 'accuracy', accuracy: [0.9, 0.6, 0.1], classes: 10 });
    const raw = [Math.log((0.9 * 9) / 0.1), Math.log((0.6 * 9) / 0.4), 0];
    const total = raw[0]! + raw[1]!;
    expect(Array.from(w)).toEqual([
      expect.closeTo(raw[0]! / total, 12),
      expect.closeTo(raw[1]! / total, 12),
      0,
    ]);
  });

  it('loss: w ∝ 1/NLL (twice the loss, half the weight)', () => {
    expect(Array.from(weightsFromValidation({ by: 'loss', loss: [0.2, 0.4] }))).toEqual([
      expect.closeTo(2 / 3, 12),
      expect.closeTo(1 / 3, 12),
    ]);
  });

  it('member scores on a validation ensemble feed the weights', () => {
    const val = ensembleFromScores(
      [
        [
          [9, 1],
          [2, 8],
        ],
        [
          [9, 1],
          [8, 2],
        ],
      ],
      [0, 1],
    );
    const { accuracy, loss } = memberScores(val);
    expect(accuracy).toEqual([1, 0.5]);
    expect(loss[0]).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 6);
    expect(loss[1]).toBeCloseTo(-(Math.log(0.9) + Math.log(0.2)) / 2, 6);
  });
});

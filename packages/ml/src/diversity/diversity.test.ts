import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { createEnsemble, type Ensemble } from '../fusion/ensemble.ts';
import { syntheticEnsemble } from '../testing/ensembles.fixture.ts';
import { kendallTauMatrix } from './kendall.ts';
import { measureDiversity } from './measure.ts';

/** Members whose argmax is `predictions[m][s]` (0.6 on it, the rest spread), all labels 0, 3 classes. */
function fromPredictions(predictions: number[][], labels: number[]): Ensemble {
  const members = predictions.map((pred, m) => {
    const p = new Float32Array(pred.length * 3).fill(0.2);
    pred.forEach((k, s) => (p[s * 3 + k] = 0.6));
    return { name: `m${m}`, split: 'hand', probabilities: p };
  });
  return createEnsemble({ members, labels, classes: 3 });
}

describe('two-member diversity, hand-computed', () => {
  // Labels all 0. Samples 0–3 both right (N11 = 4), 4–6 only i right (N10 = 3), 7–8 only j right
  // (N01 = 2), 9 both wrong (N00 = 1).
  const i = [0, 0, 0, 0, 0, 0, 0, 2, 1, 2];
  const j = [0, 0, 0, 0, 1, 1, 1, 0, 0, 2];
  const report = measureDiversity(fromPredictions([i, j], new Array(10).fill(0)));
  const at = (k: keyof typeof report.pairwise) => report.pairwise[k][1] as number;

  it('disagreement (2+3)/10, Q = (4·1 − 2·3)/(4·1 + 2·3), ρ = −2/√(7·3·6·4), double fault 1/10', () => {
    expect(at('disagreement')).toBeCloseTo(0.5, 12);
    expect(at('qStatistic')).toBeCloseTo(-0.2, 12);
    expect(at('correlation')).toBeCloseTo(-2 / Math.sqrt(504), 12);
    expect(at('doubleFault')).toBeCloseTo(0.1, 12);
  });

  it("Cohen's κ on labels: θ₁ = 5/10, θ₂ = .7·.6 + .1·.3 + .2·.1 = .47, κ = .03/.53", () => {
    expect(at('kappa')).toBeCloseTo(0.03 / 0.53, 12);
  });

  it('entropy 5/10, Kohavi–Wolpert 5/(10·4), interrater κ = 1 − 2.5/(10·.65·.35), oracle 9/10', () => {
    expect(report.entropy).toBeCloseTo(0.5, 12);
    expect(report.kohaviWolpert).toBeCloseTo(0.125, 12);
    // K&W's identity KW = (L − 1)/(2L) · mean disagreement holds.
    expect(report.kohaviWolpert).toBeCloseTo((1 / 4) * report.averages.disagreement, 12);
    expect(report.interraterKappa).toBeCloseTo(1 - 2.5 / 2.275, 12);
    expect(report.oracleAccuracy).toBeCloseTo(0.9, 12);
    expect(report.memberAccuracy).toEqual([0.7, 0.6]);
  });

  it('diagonals: a member with itself', () => {
    expect(report.pairwise.disagreement[0]).toBe(0);
    expect(report.pairwise.qStatistic[0]).toBe(1);
    expect(report.pairwise.correlation[0]).toBeCloseTo(1, 12);
    expect(report.pairwise.kappa[0]).toBeCloseTo(1, 12);
    expect(report.pairwise.doubleFault[3]).toBeCloseTo(0.4, 12);
  });

  it('Q is undefined (NaN) and skipped in averages when a member is never wrong', () => {
    const perfect = measureDiversity(
      fromPredictions(
        [
          [0, 0, 0],
          [0, 1, 0],
        ],
        [0, 0, 0],
      ),
    );
    expect(perfect.pairwise.qStatistic[1]).toBeNaN();
    expect(perfect.averages.qStatistic).toBeNaN();
    expect(perfect.averages.disagreement).toBeCloseTo(1 / 3, 12);
  });
});

describe('Kendall-τ distance between rankings', () => {
  it('counts discordant class pairs: one swap (1/6) and a full reversal (6/6) average to 7/12', () => {
    const rows = (order: number[]) => {
      const p = [0.4, 0.3, 0.2, 0.1];
      return order.map((_, c) => p[order.indexOf(c)] as number);
    };
    const ensemble = createEnsemble({
      members: [
        {
          name: 'i',
          split: 'k',
          probabilities: Float32Array.from([...rows([0, 1, 2, 3]), ...rows([0, 1, 2, 3])]),
        },
        {
          name: 'j',
          split: 'k',
          probabilities: Float32Array.from([...rows([1, 0, 2, 3]), ...rows([3, 2, 1, 0])]),
        },
      ],
      labels: [0, 0],
      classes: 4,
    });
    expect(kendallTauMatrix(ensemble)[1]).toBeCloseTo(7 / 12, 12);
  });

  for (const classes of [10, 24]) {
    it(`bitset and direct paths agree with a naive count (${classes} classes)`, () => {
      const ensemble = syntheticEnsemble({
        models: 3,
        samples: 40,
        classes,
        seed: classes,
        signal: [1, 1, 1],
      });
      const pos = ensemble.probabilities.map((p) =>
        Array.from({ length: 40 }, (_, s) => {
          const row = Array.from(p.subarray(s * classes, (s + 1) * classes));
          const order = row.map((_, c) => c).sort((a, b) => (row[b] as number) - (row[a] as number) || a - b);
          return row.map((_, c) => order.indexOf(c));
        }),
      );
      const naive = (a: number, b: number) => {
        let d = 0;
        for (let s = 0; s < 40; s++) {
          for (let x = 0; x < classes; x++) {
            for (let y = x + 1; y < classes; y++) {
              const pa = pos[a]![s]!;
              const pb = pos[b]![s]!;
              if (pa[x]! < pa[y]! !== pb[x]! < pb[y]!) d++;
            }
          }
        }
        return d / (40 * ((classes * (classes - 1)) / 2));
      };
      const matrix = kendallTauMatrix(ensemble);
      expect(matrix[0 * 3 + 1]).toBeCloseTo(naive(0, 1), 12);
      expect(matrix[1 * 3 + 2]).toBeCloseTo(naive(1, 2), 12);
      expect(matrix[2 * 3 + 0]).toBeCloseTo(naive(0, 2), 12);
    });
  }
});

describe('diversity input', () => {
  it('refuses a single member', () => {
    const one = syntheticEnsemble({ models: 1, samples: 5, classes: 3, seed: 1 });
    expect(() => measureDiversity(one)).toThrowError(
      expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'ensemble.models' }),
    );
  });

  it('less correlated members are more diverse on every measure', () => {
    const make = (correlation: number) =>
      measureDiversity(
        syntheticEnsemble({
          models: 4,
          samples: 2000,
          classes: 5,
          seed: 3,
          signal: [1.5, 1.5, 1.5, 1.5],
          correlation,
        }),
      );
    const similar = make(0.9);
    const diverse = make(0.1);
    expect(diverse.averages.disagreement).toBeGreaterThan(similar.averages.disagreement);
    expect(diverse.averages.qStatistic).toBeLessThan(similar.averages.qStatistic);
    expect(diverse.averages.kappa).toBeLessThan(similar.averages.kappa);
    expect(diverse.averages.kendallTau).toBeGreaterThan(similar.averages.kendallTau);
    expect(diverse.kohaviWolpert).toBeGreaterThan(similar.kohaviWolpert);
    expect(diverse.oracleAccuracy).toBeGreaterThan(similar.oracleAccuracy);
  });
});

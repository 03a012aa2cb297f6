import { type FusionRule, VOTING_RULES } from '@distillery/domain';
import { describe, expect, it } from 'vitest';
import { singleSample } from '../testing/ensembles.fixture.ts';
import { fuse, fusePredictions } from './fuse.ts';
import { positionalScores, SCORING_VECTORS } from './positional-rules.ts';

function winners(
  votes: number[][],
  rules: readonly FusionRule[] = VOTING_RULES,
): Record<string, number | undefined> {
  const ensemble = singleSample(votes);
  return Object.fromEntries(rules.map((r) => [r, fusePredictions(ensemble, r).predictions[0]]));
}

describe('voting rules on the voting notebook example (ZuchniakK/Voting, cells 6 and 11)', () => {
  // Four voters' scores over five candidates; mtkd-method.md §5.6.
  const votes = [
    [4, 3, 2, 1, 0],
    [0, 3, 2, 1, 4],
    [4, 3, 1, 2, 0],
    [0, 4, 2, 1, 3],
  ];

  it('plurality scores 0:2, 1:1, 4:1 and elects 0, while Borda scores 1:13, 0:8, 2:7, 4:7, 3:5 and elects 1', () => {
    const ensemble = singleSample(votes);
    expect(Array.from(positionalScores(ensemble, SCORING_VECTORS.plurality(5), 0))).toEqual([2, 1, 0, 0, 1]);
    expect(Array.from(positionalScores(ensemble, SCORING_VECTORS.borda(5), 0))).toEqual([8, 13, 7, 5, 7]);
    expect(fusePredictions(ensemble, 'plurality').predictions[0]).toBe(0);
    expect(fusePredictions(ensemble, 'borda').predictions[0]).toBe(1);
  });

  it('Nanson ends in a 2-2 tie between 0 and 1 and elects 1 by summed probability (the original overwrote it with 0)', () => {
    // Borda mean 8 drops 2, 3, 4; restricted Borda is then 0:2, 1:2; summed scores 0:8 < 1:13.
    expect(winners(votes, ['nanson']).nanson).toBe(1);
  });

  it('every other rule elects 1 (STV: 3, 2, then 4 out, its ballot moves to 1, 0 loses the 2-2 tie)', () => {
    expect(
      winners(votes, [
        'dowdall',
        'symmetric-borda',
        'copeland',
        'simpson',
        'baldwin',
        'bucklin',
        'stv',
        'condorcet',
      ]),
    ).toEqual({
      dowdall: 1,
      'symmetric-borda': 1,
      copeland: 1,
      simpson: 1,
      baldwin: 1,
      bucklin: 1,
      stv: 1,
      condorcet: 1,
    });
  });
});

describe('center squeeze: plurality and STV differ from the Condorcet winner', () => {
  // 2 × (0 > 1 > 2), 2 × (2 > 1 > 0), 1 × (1 > 0 > 2): class 1 beats 0 and 2 by 3–2 each.
  const votes = [
    [6, 3, 1],
    [6, 3, 1],
    [1, 3, 6],
    [1, 3, 6],
    [3, 6, 1],
  ];

  it('plurality ties 0 and 2 at two votes and takes 0 (summed probability 1.7 vs 1.5); STV drops 1 first and elects 0', () => {
    expect(winners(votes, ['plurality', 'stv', 'dowdall'])).toEqual({ plurality: 0, stv: 0, dowdall: 0 });
  });

  it('Borda (0:5, 1:6, 2:4), Copeland, Simpson, Baldwin, Nanson, Bucklin and Condorcet elect 1', () => {
    const ensemble = singleSample(votes);
    expect(Array.from(positionalScores(ensemble, SCORING_VECTORS.borda(3), 0))).toEqual([5, 6, 4]);
    const result = fusePredictions(ensemble, 'condorcet');
    expect(result.condorcetWinners).toBe(1);
    expect(
      winners(votes, [
        'borda',
        'symmetric-borda',
        'copeland',
        'simpson',
        'baldwin',
        'nanson',
        'bucklin',
        'condorcet',
      ]),
    ).toEqual({
      borda: 1,
      'symmetric-borda': 1,
      copeland: 1,
      simpson: 1,
      baldwin: 1,
      nanson: 1,
      bucklin: 1,
      condorcet: 1,
    });
  });
});

describe('Condorcet paradox and ties', () => {
  // 0 > 1 > 2, 1 > 2 > 0, 2 > 0 > 1: 0 beats 1, 1 beats 2, 2 beats 0 (each 2–1).
  const cycle = [
    [0.5, 0.3, 0.2],
    [0.1, 0.6, 0.3],
    [0.35, 0.15, 0.5],
  ];

  it('finds no Condorcet winner in a cycle and answers with the declared fallback', () => {
    const result = fusePredictions(singleSample(cycle), 'condorcet');
    expect(result.condorcetWinners).toBe(0);
    // Summed probabilities 0.95, 1.05, 1.00: the mean fallback takes 1.
    expect(result.predictions[0]).toBe(1);
  });

  it('breaks every full tie of the cycle by the largest summed probability', () => {
    // Plurality 1-1-1, Borda 3-3-3, Copeland 0-0-0, Simpson −1 each: all ties, all resolved to 1.
    const all = winners(cycle);
    for (const rule of VOTING_RULES) expect(all[rule], rule).toBe(1);
  });

  it('lets the fallback decide where no Condorcet winner exists: mean → 0, Copeland → 1, Borda → 3', () => {
    // Rankings 3>1>2>0, 0>3>2>1, 0>1>3>2, 1>3>2>0. Margins: class 0 ties everyone, 1 beats 2 (+2),
    // 3 beats 2 (+4), 1 ~ 3 tie: no strict winner. Copeland 0, 1, −2, 1 → 1 (summed 1.093 > 1.053);
    // Borda 6, 7, 3, 8 → 3; Simpson min margins 0, 0, −4, 0 → 0 (summed 1.188); mean → 0.
    const votes = [
      [5, 8, 7, 9],
      [7, 1, 2, 5],
      [7, 4, 2, 3],
      [2, 9, 3, 4],
    ];
    const ensemble = singleSample(votes);
    const pick = (fallback: 'mean' | 'copeland' | 'borda' | 'simpson') =>
      fusePredictions(ensemble, 'condorcet', { condorcetFallback: fallback });
    expect(pick('mean').condorcetWinners).toBe(0);
    expect(
      [pick('mean'), pick('copeland'), pick('borda'), pick('simpson')].map((r) => r.predictions[0]),
    ).toEqual([0, 1, 3, 0]);
    expect(winners(votes, ['copeland', 'borda', 'simpson'])).toEqual({ copeland: 1, borda: 3, simpson: 0 });
  });

  it('Bucklin: when two classes reach a majority at the same depth, the one with most votes wins (the original returned the first)', () => {
    // Depth 1: one vote each. Depth 2: 0 has 2 votes, 2 has 3 votes (both > 1.5).
    const votes = [
      [0.5, 0.1, 0.4],
      [0.1, 0.5, 0.4],
      [0.3, 0.3, 0.4],
    ];
    expect(winners(votes, ['bucklin']).bucklin).toBe(2);
  });

  it('ranks equal probabilities by the lower class index, so plurality votes are deterministic', () => {
    // Member 0 ties 1 and 2 (0.4 each) and votes for 1; member 1 votes 2; member 2 votes 1.
    const ensemble = singleSample([
      [0.2, 0.4, 0.4],
      [0.1, 0.2, 0.7],
      [0.3, 0.5, 0.2],
    ]);
    expect(Array.from(positionalScores(ensemble, SCORING_VECTORS.plurality(3), 0))).toEqual([0, 2, 1]);
  });
});

describe('fused metrics of a voting rule', () => {
  it('reports accuracy, per-class accuracy and the confusion matrix, and no probabilities', () => {
    // Three samples, labels 0, 1, 1; plurality elects 0, 1, 0.
    const ensemble = singleSample([[1, 0, 0]]);
    const three = {
      ...ensemble,
      samples: 3,
      labels: Int32Array.of(0, 1, 1),
      probabilities: [Float32Array.of(0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.6, 0.3, 0.1)],
    };
    const result = fuse(three, 'plurality');
    expect(Array.from(result.predictions)).toEqual([0, 1, 0]);
    expect(result.accuracy).toBeCloseTo(2 / 3, 12);
    expect(result.perClassAccuracy[0]).toBe(1);
    expect(result.perClassAccuracy[1]).toBe(0.5);
    expect(result.perClassAccuracy[2]).toBeNaN();
    expect(Array.from(result.confusion)).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(result.probabilities).toBeUndefined();
    expect(result.ece).toBeUndefined();
  });
});

// The `ORIGINAL` tie convention against answers of ZuchniakK/Voting itself (VotingPreferences run
// with numpy 1.24.2 on each case; the values below and in testing/original-ties.fixture.json are its
// outputs), beside what the principled default answers on the same ballots.
import { readFileSync } from 'node:fs';
import { type FusionRule, VOTING_RULES } from '@distillery/domain';
import { describe, expect, it } from 'vitest';
import { createEnsemble } from './ensemble.ts';
import { normaliseRows, singleSample } from '../testing/ensembles.fixture.ts';
import { fusePredictions } from './fuse.ts';
import { numpyArgsort } from './numpy-argsort.ts';
import { rankOrder } from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

const RULES: readonly FusionRule[] = [...VOTING_RULES, 'mean'];

function winners(votes: number[][], ties: TieConvention, rules: readonly FusionRule[] = RULES) {
  const ensemble = singleSample(votes);
  return Object.fromEntries(rules.map((r) => [r, fusePredictions(ensemble, r, { ties }).predictions[0]]));
}

const every = (v: number, except: Partial<Record<FusionRule, number>> = {}) =>
  Object.fromEntries(RULES.map((r) => [r, except[r] ?? v]));

describe('the cases of issue 22', () => {
  it('[[.5,.5],[.6,.4],[.3,.7]]: the original elects 1 on every rule (equal .5/.5 ranks class 1 first); principled 0 on every voting rule', () => {
    const votes = [
      [0.5, 0.5],
      [0.6, 0.4],
      [0.3, 0.7],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(1));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(0, { mean: 1 }));
  });

  it('plurality on a three-way tie of first choices: the original takes the lowest index 0, principled the largest summed probability 1', () => {
    const votes = [
      [0.6, 0.3, 0.1],
      [0.2, 0.5, 0.3],
      [0.1, 0.35, 0.55],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(1, { plurality: 0 }));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(1));
  });

  it('Bucklin without any tie: at depth 2 classes 0 (2 votes) and 1 (3 votes) hold a majority; the original takes the first, principled the most votes', () => {
    const votes = [
      [0.3, 0.6, 0.1],
      [0.1, 0.3, 0.6],
      [0.6, 0.3, 0.1],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(1, { plurality: 0, bucklin: 0 }));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(1));
  });
});

describe('the original code rule by rule', () => {
  it('ranks equal probabilities higher index first (numpy argsort, flipped); above 16 classes in numpy 1.24’s introsort order', () => {
    expect(Array.from(rankOrder(Float32Array.of(0.25, 0.25, 0.5), 3, 'ORIGINAL'))).toEqual([2, 1, 0]);
    expect(Array.from(rankOrder(Float32Array.of(0.25, 0.25, 0.5), 3, 'PRINCIPLED'))).toEqual([2, 0, 1]);
    const flat = new Float32Array(17).fill(1 / 17);
    expect(Array.from(rankOrder(flat, 17, 'ORIGINAL'))).toEqual([
      16, 7, 1, 2, 3, 4, 5, 6, 8, 15, 9, 10, 11, 12, 13, 14, 0,
    ]);
    const out = new Int32Array(4);
    numpyArgsort([0.3, 0.1, 0.3, 0.1], 0, 4, out);
    expect(Array.from(out)).toEqual([1, 3, 0, 2]);
  });

  it('Baldwin eliminates the lowest index among the weakest: after 2 falls, 0 and 1 tie 2–2 and the original drops 0', () => {
    // Borda 0:5, 1:4, 2:3; summed probabilities 0: 1.5 > 1: 1.33, so principled drops 1 instead.
    const votes = [
      [3, 1, 2],
      [2, 3, 1],
      [2, 3, 1],
      [2, 1, 3],
    ].map((r) => r.map((v) => v / 6));
    expect(winners(votes, 'ORIGINAL', ['baldwin', 'borda', 'plurality'])).toEqual({
      baldwin: 1,
      borda: 0,
      plurality: 1,
    });
    expect(winners(votes, 'PRINCIPLED', ['baldwin', 'borda', 'plurality'])).toEqual({
      baldwin: 0,
      borda: 0,
      plurality: 1,
    });
  });

  it('STV and Baldwin on two voters: every class ties and the original’s eliminations leave 3; principled keeps 0', () => {
    const votes = [
      [0.2, 0.3, 0.1, 0.4],
      [0.4, 0.1, 0.3, 0.2],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(0, { baldwin: 3, stv: 3 }));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(0));
  });

  it('accepts weak Condorcet winners: 2 ties 3 and beats 0 and 1, so the original elects 2 where principled has no winner and falls back to the mean (0)', () => {
    const votes = [
      [0.3, 0.2, 0.4, 0.1],
      [0.2, 0.1, 0.3, 0.4],
      [0.3, 0.1, 0.4, 0.2],
      [0.4, 0.3, 0.1, 0.2],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(
      every(2, { borda: 0, 'symmetric-borda': 0, bucklin: 0, mean: 0 }),
    );
    expect(winners(votes, 'PRINCIPLED')).toEqual(
      every(2, { borda: 0, 'symmetric-borda': 0, bucklin: 0, mean: 0, condorcet: 0 }),
    );
  });

  it('Nanson, Simpson and Bucklin answer the lowest index of a tie: 2 where principled takes 3 (larger summed probability)', () => {
    const votes = [
      [0.2, 0.1, 0.4, 0.3],
      [0.4, 0.2, 0.3, 0.1],
      [0.1, 0.2, 0.3, 0.4],
      [0.3, 0.2, 0.1, 0.4],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(3, { simpson: 2, nanson: 2, bucklin: 2 }));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(3));
  });

  it('the voting notebook example (cells 6 and 11): Nanson’s 2–2 final tie and Simpson’s tie go to 0 in the original', () => {
    const votes = [
      [4, 3, 2, 1, 0],
      [0, 3, 2, 1, 4],
      [4, 3, 1, 2, 0],
      [0, 4, 2, 1, 3],
    ];
    expect(winners(votes, 'ORIGINAL')).toEqual(every(1, { plurality: 0, simpson: 0, nanson: 0 }));
    expect(winners(votes, 'PRINCIPLED')).toEqual(every(1, { plurality: 0 }));
  });
});

describe('400 seeded tie-heavy ballots (2–9 members, 2–24 classes)', () => {
  const fixture = JSON.parse(
    readFileSync(new URL('../testing/original-ties.fixture.json', import.meta.url), 'utf8'),
  ) as { winners: Record<string, number[]>; cases: number[][][] };
  const ensembles = fixture.cases.map(normaliseRows).map((rows) =>
    createEnsemble({
      members: rows.map((r, m) => ({ name: `m${m}`, split: 'case', probabilities: Float32Array.from(r) })),
      labels: [0],
      classes: rows[0]!.length,
    }),
  );

  it('the original convention returns the original code’s winner on every rule and case', () => {
    const got: Record<string, number[]> = Object.fromEntries(RULES.map((r) => [r, []]));
    for (const ensemble of ensembles) {
      for (const r of RULES) got[r]!.push(fusePredictions(ensemble, r, { ties: 'ORIGINAL' }).predictions[0]!);
    }
    expect(got).toEqual(fixture.winners);
  });

  it('on the same cases the principled convention differs somewhere for every voting rule (the fixture is not trivial)', () => {
    const differing = new Set<string>();
    for (const [i, ensemble] of ensembles.entries()) {
      for (const r of RULES)
        if (fusePredictions(ensemble, r).predictions[0] !== fixture.winners[r]![i]) differing.add(r);
    }
    expect([...differing].sort()).toEqual(RULES.filter((r) => r !== 'mean').sort());
  });
});

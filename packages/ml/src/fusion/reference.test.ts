// The fast rules (cached rankings, incremental Borda, pointer-based STV) against direct, slow
// transcriptions of each rule's definition, on seeded random ballots with many ties.
import { describe, expect, it } from 'vitest';
import { Prng, type FusionRule } from '@distillery/domain';
import { createEnsemble, type Ensemble } from './ensemble.ts';
import { fusePredictions } from './fuse.ts';

function rankingOf(row: number[]): number[] {
  return row.map((_, c) => c).sort((a, b) => (row[b] as number) - (row[a] as number) || a - b);
}

/** Winner by score, then summed probability, then lowest index; `restrict` limits the candidates. */
function best(score: number[], sums: number[], restrict?: Set<number>): number {
  const cands = score.map((_, c) => c).filter((c) => !restrict || restrict.has(c));
  return cands.reduce((w, c) => {
    const d = (score[c] as number) - (score[w] as number);
    if (Math.abs(d) > 1e-9) return d > 0 ? c : w;
    return (sums[c] as number) > (sums[w] as number) ? c : w;
  });
}

function worst(score: number[], sums: number[], alive: Set<number>): number {
  return [...alive].reduce((w, c) => {
    const d = (score[c] as number) - (score[w] as number);
    if (d !== 0) return d < 0 ? c : w;
    return (sums[c] as number) <= (sums[w] as number) ? c : w;
  });
}

function bordaOn(rankings: number[][], alive: Set<number>, C: number): number[] {
  const score = new Array<number>(C).fill(0);
  for (const r of rankings) {
    const kept = r.filter((c) => alive.has(c));
    kept.forEach((c, i) => (score[c] = (score[c] as number) + kept.length - 1 - i));
  }
  return score;
}

function reference(rule: FusionRule, rows: number[][]): number {
  const C = (rows[0] as number[]).length;
  const M = rows.length;
  const rankings = rows.map(rankingOf);
  const sums = Array.from({ length: C }, (_, c) => rows.reduce((a, r) => a + (r[c] as number), 0));
  const all = new Set(Array.from({ length: C }, (_, c) => c));
  const margin = (a: number, b: number) =>
    rankings.reduce((acc, r) => acc + Math.sign(r.indexOf(b) - r.indexOf(a)), 0);
  const others = (a: number) => [...all].filter((b) => b !== a);
  switch (rule) {
    case 'plurality':
      return best(
        [...all].map((c) => rankings.filter((r) => r[0] === c).length),
        sums,
      );
    case 'borda':
    case 'symmetric-borda':
      return best(bordaOn(rankings, all, C), sums);
    case 'dowdall':
      return best(
        [...all].map((c) => rankings.reduce((a, r) => a + 1 / (r.indexOf(c) + 1), 0)),
        sums,
      );
    case 'copeland':
      return best(
        [...all].map((a) => others(a).reduce((s, b) => s + Math.sign(margin(a, b)), 0)),
        sums,
      );
    case 'simpson':
      return best(
        [...all].map((a) => Math.min(...others(a).map((b) => margin(a, b)))),
        sums,
      );
    case 'condorcet': {
      const w = [...all].find((a) => others(a).every((b) => margin(a, b) > 0));
      return w ?? best(sums, sums);
    }
    case 'baldwin': {
      const alive = new Set(all);
      while (alive.size > 1) alive.delete(worst(bordaOn(rankings, alive, C), sums, alive));
      return [...alive][0] as number;
    }
    case 'nanson': {
      const alive = new Set(all);
      for (;;) {
        const score = bordaOn(rankings, alive, C);
        const mean = [...alive].reduce((a, c) => a + (score[c] as number), 0) / alive.size;
        const below = [...alive].filter((c) => (score[c] as number) < mean);
        if (below.length === 0 || alive.size === 1) return best(score, sums, alive);
        below.forEach((c) => alive.delete(c));
      }
    }
    case 'bucklin': {
      const votes = new Array<number>(C).fill(0);
      for (let d = 0; d < C; d++) {
        rankings.forEach((r) => (votes[r[d] as number] = (votes[r[d] as number] as number) + 1));
        if (Math.max(...votes) > M / 2) break;
      }
      return best(votes, sums);
    }
    case 'stv': {
      const alive = new Set(all);
      while (alive.size > 1) {
        const first = new Array<number>(C).fill(0);
        rankings.forEach((r) => {
          const top = r.find((c) => alive.has(c)) as number;
          first[top] = (first[top] as number) + 1;
        });
        alive.delete(worst(first, sums, alive));
      }
      return [...alive][0] as number;
    }
    default:
      throw new Error(`no reference for ${rule}`);
  }
}

function randomBallots(
  prng: Prng,
  models: number,
  samples: number,
  classes: number,
): { ensemble: Ensemble; rows: number[][][] } {
  // Scores from {1..4} force many equal probabilities (ties inside rankings and between classes).
  const rows = Array.from({ length: samples }, () =>
    Array.from({ length: models }, () => Array.from({ length: classes }, () => 1 + prng.int(4))),
  );
  const members = Array.from({ length: models }, (_, m) => {
    const p = new Float32Array(samples * classes);
    rows.forEach((sample, s) => {
      const row = sample[m] as number[];
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((v, c) => (p[s * classes + c] = v / total));
    });
    return { name: `m${m}`, split: 'random', probabilities: p };
  });
  const normalised = rows.map((sample, s) =>
    sample.map((_, m) => Array.from(members[m]!.probabilities.subarray(s * classes, (s + 1) * classes))),
  );
  return { ensemble: createEnsemble({ members, labels: rows.map(() => 0), classes }), rows: normalised };
}

const RULES: FusionRule[] = [
  'plurality',
  'borda',
  'symmetric-borda',
  'dowdall',
  'copeland',
  'simpson',
  'condorcet',
  'baldwin',
  'nanson',
  'bucklin',
  'stv',
];

describe('fast voting rules agree with direct transcriptions of their definitions', () => {
  for (const [models, classes] of [
    [3, 4],
    [4, 5],
    [7, 6],
  ] as const) {
    it(`${models} members × ${classes} classes, 300 random samples`, () => {
      const { ensemble, rows } = randomBallots(new Prng(models * 100 + classes), models, 300, classes);
      for (const rule of RULES) {
        const fast = Array.from(fusePredictions(ensemble, rule).predictions);
        const slow = rows.map((sample) => reference(rule, sample));
        expect(fast, rule).toEqual(slow);
      }
    });
  }
});

// Builders of small hand-made and seeded synthetic ensembles, for the fusion tests and the fusion bench.
import { Prng } from '@distillery/domain';
import { createEnsemble, type Ensemble } from '../fusion/ensemble.ts';

/**
 * An ensemble from per-member rows of non-negative scores (each row is normalised to sum 1, which
 * keeps every ranking): `scores[m][s]` is member m's row for sample s.
 */
export function ensembleFromScores(scores: number[][][], labels: number[]): Ensemble {
  const classes = scores[0]?.[0]?.length ?? 0;
  const members = scores.map((rows, m) => {
    const p = new Float32Array(rows.length * classes);
    rows.forEach((row, s) => {
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((v, c) => (p[s * classes + c] = v / total));
    });
    return { name: `m${m}`, split: 'hand/test', probabilities: p };
  });
  return createEnsemble({ members, labels, classes });
}

/** One sample voted on by every member: `votes[m]` is member m's score row. */
export function singleSample(votes: number[][], label = 0): Ensemble {
  return ensembleFromScores(
    votes.map((row) => [row]),
    [label],
  );
}

/**
 * Seeded synthetic members: logits = `signal[m]` on the true class + Gaussian noise, softmaxed. A share
 * `correlation` of the noise variance is common to all members (hard samples are hard for everyone),
 * the rest is each member's own, like models trained from different seeds.
 */
export function syntheticEnsemble(args: {
  models: number;
  samples: number;
  classes: number;
  seed: number;
  signal?: number[];
  correlation?: number;
  split?: string;
}): Ensemble {
  const { models, samples, classes } = args;
  const prng = new Prng(args.seed);
  const labels = Array.from({ length: samples }, () => prng.int(classes));
  const rho = args.correlation ?? 0;
  const shared = Float64Array.from({ length: samples * classes }, () => prng.normal() * Math.sqrt(rho));
  const own = Math.sqrt(1 - rho);
  const members = Array.from({ length: models }, (_, m) => {
    const signal = args.signal?.[m] ?? 1.5;
    const p = new Float32Array(samples * classes);
    const row = new Float64Array(classes);
    for (let s = 0; s < samples; s++) {
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        row[c] = (shared[s * classes + c] as number) + own * prng.normal() + (c === labels[s] ? signal : 0);
        max = Math.max(max, row[c] as number);
      }
      let z = 0;
      for (let c = 0; c < classes; c++) z += row[c] = Math.exp((row[c] as number) - max);
      for (let c = 0; c < classes; c++) p[s * classes + c] = (row[c] as number) / z;
    }
    return { name: `synthetic-${m}`, split: args.split ?? 'synthetic', probabilities: p };
  });
  return createEnsemble({ members, labels, classes });
}

/**
 * Seeded single-sample vote matrices with many ties (the differential cases of the `original` tie
 * convention): 2–9 members, 2–24 classes (above 16 numpy's argsort stops being stable), rows of small
 * integer scores, or uniform random rows. `cases[i][m]` is member m's raw row (see normaliseRows).
 * original-ties.fixture.json stores the cases it was answered on, so new draws never invalidate it.
 */
export function tieHeavyCases(seed: number, count: number): number[][][] {
  const rng = new Prng(seed);
  const sizes = [2, 3, 4, 5, 6, 10, 17, 20, 24];
  return Array.from({ length: count }, () => {
    const members = 2 + rng.int(8);
    const classes = sizes[rng.int(sizes.length)] as number;
    const levels = [3, 3, 4, 0][rng.int(4)] as number;
    return Array.from({ length: members }, () => {
      const raw = Array.from({ length: classes }, () => (levels ? rng.int(levels) : rng.next()));
      if (!raw.some((v) => v !== 0)) raw[rng.int(classes)] = 1;
      return raw;
    });
  });
}

/** A case's raw score rows as float32 probabilities (each row divided by its sum). */
export function normaliseRows(rows: number[][]): number[][] {
  return rows.map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((v) => Math.fround(v / total));
  });
}

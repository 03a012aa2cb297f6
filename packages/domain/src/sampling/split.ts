// The split sampler: every path that turns a seed into a train/val/test assignment calls these
// (the API's createSplit, the CLI's stratified split, the ML core's worker jobs).
import { badInput } from '@distillery/errors';

import { Prng } from '../random/prng.ts';
import { UNUSED } from './assignment.ts';

/** Options of a Bernoulli split. */
export interface SplitDraw {
  seed: number;
  /** Probability that a sample goes to val, in [0, 1). */
  valFraction: number;
  /** Probability that a sample goes to test (0: the dataset's own test set is used). */
  testFraction?: number;
}

/**
 * The original's rule, seeded (mtkd-method.md §1.4): each of `n` samples independently goes to val
 * with probability valFraction, else to test with probability testFraction, else to train. One
 * uniform per sample in index order, so the same seed gives the same roles on every path.
 */
export function drawSplit(n: number, draw: SplitDraw): Uint8Array<ArrayBuffer> {
  const val = draw.valFraction;
  const test = draw.testFraction ?? 0;
  if (!(val >= 0 && test >= 0 && val + test < 1))
    throw badInput('valFraction', val, 'valFraction and testFraction must be ≥ 0 with a sum below 1');
  const rng = new Prng(draw.seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    out[i] = r < val ? 1 : r < val + test ? 2 : 0;
  }
  return out;
}

/** Sample positions grouped by label, classes in ascending label order. */
export function groupByLabel(positions: number, labelOf: (k: number) => number): number[][] {
  const byClass = new Map<number, number[]>();
  for (let k = 0; k < positions; k++) {
    const l = labelOf(k);
    let list = byClass.get(l);
    if (!list) byClass.set(l, (list = []));
    list.push(k);
  }
  return [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}

/**
 * Exact stratified split of a training set: for each class in label order, shuffle its indices and
 * send round(n_c · valFraction) of them to val (byte 1); the rest stay train (byte 0).
 */
export function drawStratifiedSplit(
  labels: ArrayLike<number>,
  draw: { seed: number; valFraction: number },
): Uint8Array<ArrayBuffer> {
  const f = draw.valFraction;
  if (!(f > 0 && f < 1)) throw badInput('valFraction', f, 'must be in (0, 1)');
  const rng = new Prng(draw.seed);
  const out = new Uint8Array(labels.length);
  for (const idx of groupByLabel(labels.length, (k) => labels[k]!)) {
    const take = Math.round(idx.length * f);
    rng.shuffle(idx);
    for (let k = 0; k < take; k++) out[idx[k]!] = 1;
  }
  return out;
}

/**
 * Keep each sample with probability `useFraction` and mark the rest UNUSED: a compute-budget split
 * that trains on part of a dataset but keeps its own test set. A separate seeded stream, so the
 * kept samples keep the role `drawSplit` gave them under the same seed.
 */
export function markUnused(
  assignment: Uint8Array,
  seed: number,
  useFraction: number,
): Uint8Array<ArrayBuffer> {
  if (!(useFraction > 0 && useFraction <= 1)) throw badInput('useFraction', useFraction, 'must be in (0, 1]');
  const rng = new Prng((seed ^ 0x5bd1e995) >>> 0);
  const out = Uint8Array.from(assignment);
  for (let i = 0; i < out.length; i++) if (rng.next() >= useFraction) out[i] = UNUSED;
  return out;
}

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

/** Options of a stratified or group split: exact shares of each class for val and test. */
export interface ExactDraw {
  seed: number;
  /** Share of each class sent to val. */
  valFraction: number;
  /** Share of each class sent to test (0: the dataset's own test set is used). */
  testFraction?: number;
}

/** Check val/test fractions of an exact draw: each in [0, 1), some > 0, sum below 1. */
export function checkExactFractions(draw: ExactDraw): { val: number; test: number } {
  const val = draw.valFraction;
  const test = draw.testFraction ?? 0;
  if (!(val >= 0 && val < 1)) throw badInput('valFraction', val, 'must be in [0, 1)');
  if (!(test >= 0 && test < 1)) throw badInput('testFraction', test, 'must be in [0, 1)');
  if (!(val + test < 1)) throw badInput('testFraction', test, 'valFraction + testFraction must be below 1');
  if (val + test === 0) throw badInput('valFraction', val, 'valFraction or testFraction must be above 0');
  return { val, test };
}

/**
 * Exact stratified split of a training set: for each class in label order, shuffle its indices and
 * send the first round(n_c · valFraction) to val (byte 1), the next round(n_c · testFraction) to
 * test (byte 2); the rest stay train (byte 0). With testFraction 0 it draws what it always drew.
 */
export function drawStratifiedSplit(labels: ArrayLike<number>, draw: ExactDraw): Uint8Array<ArrayBuffer> {
  const { val, test } = checkExactFractions(draw);
  const rng = new Prng(draw.seed);
  const out = new Uint8Array(labels.length);
  for (const idx of groupByLabel(labels.length, (k) => labels[k]!)) {
    const toVal = Math.round(idx.length * val);
    const toTest = Math.min(idx.length - toVal, Math.round(idx.length * test));
    rng.shuffle(idx);
    for (let k = 0; k < toVal; k++) out[idx[k]!] = 1;
    for (let k = toVal; k < toVal + toTest; k++) out[idx[k]!] = 2;
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

// The subset sampler (mtkd-method.md §1.5): the API's generateSubsets, the CLI and the ML core's
// worker jobs all draw members here, so a (fraction, seed, method) names the same members everywhere.
import { badInput } from '@distillery/errors';

import type { SubsetMethod } from '../datasets.ts';
import { Prng } from '../random/prng.ts';
import { groupByLabel } from './split.ts';

/** Options of one subset draw. */
export interface SubsetDraw {
  /** The fraction p, in (0, 1]. */
  fraction: number;
  seed: number;
  method: SubsetMethod;
  /** Labels indexed by sample index; needed by STRATIFIED_EXACT only. */
  labels?: ArrayLike<number>;
}

/** Throw BAD_USER_INPUT unless p ∈ (0, 1]. */
export function checkFraction(p: number, field = 'fraction'): void {
  if (typeof p !== 'number' || !(p > 0 && p <= 1)) throw badInput(field, p, 'must be in (0, 1]');
}

/**
 * Members of a subset of the training samples `train` (sample indices):
 * - BERNOULLI (the original `generate_subset.py`): keep each in order with probability p (size ≈ p·n);
 * - STRATIFIED_EXACT: exactly round(n_c · p) of each class, without replacement (ascending);
 * - BOOTSTRAP (bagging): round(p·n) draws with replacement, in draw order; members may repeat.
 * BOOTSTRAP picks `floor(u · n)`, not `int(n)`, because that is how every stored subset was drawn.
 */
export function drawSubset(train: ArrayLike<number>, draw: SubsetDraw): Uint32Array {
  const { fraction: p, method } = draw;
  checkFraction(p);
  const rng = new Prng(draw.seed);
  const n = train.length;
  if (method === 'BERNOULLI') {
    const kept = new Uint32Array(n);
    let size = 0;
    for (let k = 0; k < n; k++) if (rng.next() < p) kept[size++] = train[k]!;
    return kept.slice(0, size);
  }
  if (method === 'BOOTSTRAP') {
    const out = new Uint32Array(Math.round(p * n));
    for (let i = 0; i < out.length; i++) out[i] = train[Math.floor(rng.next() * n)]!;
    return out;
  }
  if (method === 'STRATIFIED_EXACT') {
    const labels = draw.labels;
    if (!labels) throw badInput('labels', null, 'STRATIFIED_EXACT subsets need the labels');
    const kept: number[] = [];
    for (const group of groupByLabel(n, (k) => labels[train[k]!]!)) {
      rng.shuffle(group);
      for (let k = 0; k < Math.round(group.length * p); k++) kept.push(train[group[k]!]!);
    }
    return Uint32Array.from(kept).sort();
  }
  throw badInput('method', method, 'must be BERNOULLI, STRATIFIED_EXACT or BOOTSTRAP');
}

import { badInput } from '@distillery/errors';
import { Prng } from '../random/prng.ts';
import { stratifiedMask } from './split.ts';

/** How members of a training subset are drawn. */
export type SubsetMethod =
  /** The original (`generate_subset.py`): keep each sample independently with probability p (size ≈ p·n). */
  | 'bernoulli'
  /** Exactly round(n_c · p) samples of each class, without replacement. */
  | 'stratified'
  /** round(n · p) draws with replacement (bagging); members may repeat. */
  | 'bootstrap';

export const SUBSET_METHODS: readonly SubsetMethod[] = ['bernoulli', 'stratified', 'bootstrap'];

/** A training subset: indices into the dataset's train split (ascending; repeats only for bootstrap). */
export interface Subset {
  p: number;
  method: SubsetMethod;
  seed: number;
  members: Uint32Array;
}

/** Throw BAD_USER_INPUT unless p ∈ (0, 1]. */
export function checkFraction(p: number, field = 'p'): void {
  if (typeof p !== 'number' || !(p > 0 && p <= 1)) throw badInput(field, p, 'must be in (0, 1]');
}

/** Draw a seeded subset of fraction p from n samples with these labels: same seed → same members on any machine. */
export function makeSubset(
  labels: ArrayLike<number>,
  options: { p: number; method?: SubsetMethod; seed: number },
): Subset {
  const { p, seed } = options;
  checkFraction(p);
  const method = options.method ?? 'bernoulli';
  const rng = new Prng(seed);
  const n = labels.length;
  let members: Uint32Array;
  if (method === 'bernoulli') {
    const keep: number[] = [];
    for (let i = 0; i < n; i++) if (rng.next() < p) keep.push(i);
    members = Uint32Array.from(keep);
  } else if (method === 'stratified') {
    const mask = stratifiedMask(labels, p, rng);
    members = Uint32Array.from(mask.reduce<number[]>((acc, m, i) => (m ? (acc.push(i), acc) : acc), []));
  } else if (method === 'bootstrap') {
    members = Uint32Array.from({ length: Math.round(n * p) }, () => rng.int(n)).sort();
  } else {
    throw badInput('method', method, `must be one of ${SUBSET_METHODS.join(', ')}`);
  }
  return { p, method, seed, members };
}

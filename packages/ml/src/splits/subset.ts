import { drawSubset, type SubsetMethod } from '@distillery/domain';

/** A training subset: indices into the dataset's train split (ascending, except bootstrap's draw order). */
export interface Subset {
  p: number;
  method: SubsetMethod;
  seed: number;
  members: Uint32Array;
}

/**
 * Draw a seeded subset of fraction p of all samples with these labels, by @distillery/domain's
 * sampler: the same (p, seed, method) gives the API's members for a split that keeps every sample.
 */
export function makeSubset(
  labels: ArrayLike<number>,
  options: { p: number; method?: SubsetMethod; seed: number },
): Subset {
  const { p, seed } = options;
  const method = options.method ?? 'BERNOULLI';
  const all = Uint32Array.from({ length: labels.length }, (_, i) => i);
  return { p, method, seed, members: drawSubset(all, { fraction: p, seed, method, labels }) };
}

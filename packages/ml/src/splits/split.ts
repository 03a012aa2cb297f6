import { badInput } from '@distillery/errors';
import { Prng } from '../random/prng.ts';

/** How to draw the validation split. */
export type SplitMethod =
  /** The original's rule, seeded: each sample goes to val independently with probability `valFraction`. */
  | 'bernoulli'
  /** Exactly round(n_c · valFraction) samples of each class c go to val. */
  | 'stratified';

/** Index lists of a train/val split (ascending). */
export interface SplitIndices {
  train: Uint32Array;
  val: Uint32Array;
}

function groupByClass(labels: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    let list = byClass.get(l);
    if (!list) byClass.set(l, (list = []));
    list.push(i);
  }
  return new Map([...byClass.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Exact stratified draw: for each class in label order, shuffle its indices with `rng` and take
 * round(n_c · fraction) of them. Returns a membership mask.
 */
export function stratifiedMask(labels: ArrayLike<number>, fraction: number, rng: Prng): Uint8Array {
  const mask = new Uint8Array(labels.length);
  for (const idx of groupByClass(labels).values()) {
    const take = Math.round(idx.length * fraction);
    rng.shuffle(idx);
    for (let k = 0; k < take; k++) mask[idx[k]!] = 1;
  }
  return mask;
}

/** Seeded train/val split of a training set (mtkd-method.md §1.4, with a seed the original lacked). */
export function splitTrainVal(
  labels: ArrayLike<number>,
  options: { method?: SplitMethod; valFraction?: number; seed: number },
): SplitIndices {
  const f = options.valFraction ?? 0.2;
  if (!(f > 0 && f < 1)) throw badInput('valFraction', f, 'must be in (0, 1)');
  const method = options.method ?? 'stratified';
  const rng = new Prng(options.seed);
  let mask: Uint8Array;
  if (method === 'bernoulli')
    mask = Uint8Array.from({ length: labels.length }, () => (rng.next() < f ? 1 : 0));
  else if (method === 'stratified') mask = stratifiedMask(labels, f, rng);
  else throw badInput('method', method, 'must be bernoulli or stratified');
  const train: number[] = [];
  const val: number[] = [];
  mask.forEach((m, i) => (m ? val : train).push(i));
  return { train: Uint32Array.from(train), val: Uint32Array.from(val) };
}

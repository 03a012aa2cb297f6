import type { Ensemble } from './ensemble.ts';
import { numpyArgsort } from './numpy-argsort.ts';
import type { TieConvention } from './tie-convention.ts';

/** Class indices in rank order per sample (`order[s*C + r]` = class at rank r, rank 0 = top). */
export type RankOrder = Uint8Array | Uint16Array;

// Rankings are a pure function of a member's matrix, so they are cached per matrix: the ensemble-size
// study draws thousands of sub-ensembles from the same members and ranks each member only once.
// Stored prediction matrices are therefore treated as immutable once fused.
const orderCaches: Record<TieConvention, WeakMap<Float32Array, RankOrder>> = {
  PRINCIPLED: new WeakMap(),
  ORIGINAL: new WeakMap(),
};
const sumCache = new WeakMap<Ensemble, Float64Array>();

/**
 * Each sample's classes sorted by descending probability. `PRINCIPLED`: stable, among equal
 * probabilities the lower class index ranks first (insertion sort: C is small, 10–100, and rows are
 * written in place, so no per-sample allocation). `ORIGINAL`: `np.fliplr(np.argsort(row))` as numpy
 * 1.24 computes it (numpy-argsort.ts): for ≤ 16 classes equal probabilities rank the higher index first.
 */
export function rankOrder(
  probabilities: Float32Array,
  classes: number,
  ties: TieConvention = 'PRINCIPLED',
): RankOrder {
  const cache = orderCaches[ties];
  const cached = cache.get(probabilities);
  if (cached && cached.length === probabilities.length) return cached;
  const order: RankOrder =
    classes <= 256 ? new Uint8Array(probabilities.length) : new Uint16Array(probabilities.length);
  const ascending = new Int32Array(classes);
  for (let off = 0; off < probabilities.length; off += classes) {
    if (ties === 'ORIGINAL') {
      numpyArgsort(probabilities, off, classes, ascending);
      for (let r = 0; r < classes; r++) order[off + r] = ascending[classes - 1 - r] as number;
      continue;
    }
    for (let c = 0; c < classes; c++) {
      const v = probabilities[off + c] as number;
      let r = c;
      while (r > 0 && (probabilities[off + (order[off + r - 1] as number)] as number) < v) {
        order[off + r] = order[off + r - 1] as number;
        r--;
      }
      order[off + r] = c;
    }
  }
  cache.set(probabilities, order);
  return order;
}

/** Rank orders of every member of the ensemble (cached per member). */
export function memberOrders(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): RankOrder[] {
  return ensemble.probabilities.map((p) => rankOrder(p, ensemble.classes, ties));
}

/** Σ_m p_m[s, c] per sample and class: the original's tie-break key (samples × classes). */
export function summedProbabilities(ensemble: Ensemble): Float64Array {
  const cached = sumCache.get(ensemble);
  if (cached) return cached;
  const sum = new Float64Array(ensemble.samples * ensemble.classes);
  for (const p of ensemble.probabilities) {
    for (let i = 0; i < p.length; i++) sum[i] = (sum[i] as number) + (p[i] as number);
  }
  sumCache.set(ensemble, sum);
  return sum;
}

// Float scores (Dowdall's 1/r sums) may differ by rounding only; treat those as ties.
const TIE_EPS = 1e-9;

/**
 * The winner among `active` candidates. `PRINCIPLED`: the largest score; ties broken by the largest
 * summed probability, then by the lowest class index. `ORIGINAL` (ZuchniakK/Voting
 * `strongest_candidate`): the lowest class index among the exactly largest scores — its
 * summed-probability tie-break compares the winner's index with itself and never fires.
 * @param score per-class scores, read at `at + c`
 * @param sums summed probabilities, read at `off + c`
 * @param active optional mask: only classes with `active[c] !== 0` compete
 */
export function pickWinner(
  score: ArrayLike<number>,
  at: number,
  sums: Float64Array,
  off: number,
  classes: number,
  active?: Uint8Array,
  ties: TieConvention = 'PRINCIPLED',
): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let c = 0; c < classes; c++) {
    if (active && active[c] === 0) continue;
    const v = score[at + c] as number;
    if (ties === 'ORIGINAL') {
      if (best < 0 || v > bestScore) {
        best = c;
        bestScore = v;
      }
    } else if (best < 0 || v > bestScore + TIE_EPS * Math.max(1, Math.abs(bestScore))) {
      best = c;
      bestScore = v;
    } else if (
      v >= bestScore - TIE_EPS * Math.max(1, Math.abs(bestScore)) &&
      (sums[off + c] as number) > (sums[off + best] as number)
    ) {
      best = c;
      bestScore = Math.max(bestScore, v);
    }
  }
  return best;
}

/**
 * The loser among `active` candidates (for elimination rules): the smallest score. `PRINCIPLED`:
 * ties broken by the smallest summed probability, then by the highest class index (the mirror of
 * {@link pickWinner}). `ORIGINAL`: the smallest summed probability, then the LOWEST class index
 * (ZuchniakK/Voting's STV deletes the first such candidate in index order); Baldwin's original
 * elimination ignores the sums, see elimination-rules.ts.
 */
export function pickLoser(
  score: ArrayLike<number>,
  sums: Float64Array,
  off: number,
  classes: number,
  active: Uint8Array,
  ties: TieConvention = 'PRINCIPLED',
): number {
  let worst = -1;
  let worstScore = Infinity;
  for (let c = 0; c < classes; c++) {
    if (active[c] === 0) continue;
    const v = score[c] as number;
    if (worst < 0 || v < worstScore) {
      worst = c;
      worstScore = v;
    } else if (v === worstScore) {
      const a = sums[off + c] as number;
      const b = sums[off + worst] as number;
      if (ties === 'ORIGINAL' ? a < b : a <= b) worst = c;
    }
  }
  return worst;
}

/** The lowest class index among the exactly smallest `active` scores (the original Baldwin's `weakest_candidate`). */
export function firstMin(score: ArrayLike<number>, classes: number, active: Uint8Array): number {
  let worst = -1;
  for (let c = 0; c < classes; c++) {
    if (active[c] !== 0 && (worst < 0 || (score[c] as number) < (score[worst] as number))) worst = c;
  }
  return worst;
}

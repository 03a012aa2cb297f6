import type { Ensemble } from './ensemble.ts';

/** Class indices in rank order per sample (`order[s*C + r]` = class at rank r, rank 0 = top). */
export type RankOrder = Uint8Array | Uint16Array;

// Rankings are a pure function of a member's matrix, so they are cached per matrix: the ensemble-size
// study draws thousands of sub-ensembles from the same members and ranks each member only once.
// Stored prediction matrices are therefore treated as immutable once fused.
const orderCache = new WeakMap<Float32Array, RankOrder>();
const sumCache = new WeakMap<Ensemble, Float64Array>();

/**
 * Each sample's classes sorted by descending probability (stable: among equal probabilities the
 * lower class index ranks first, so rankings are deterministic). Insertion sort: C is small
 * (10–100) and rows are written in place, so no per-sample allocation.
 */
export function rankOrder(probabilities: Float32Array, classes: number): RankOrder {
  const cached = orderCache.get(probabilities);
  if (cached && cached.length === probabilities.length) return cached;
  const order: RankOrder =
    classes <= 256 ? new Uint8Array(probabilities.length) : new Uint16Array(probabilities.length);
  for (let off = 0; off < probabilities.length; off += classes) {
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
  orderCache.set(probabilities, order);
  return order;
}

/** Rank orders of every member of the ensemble (cached per member). */
export function memberOrders(ensemble: Ensemble): RankOrder[] {
  return ensemble.probabilities.map((p) => rankOrder(p, ensemble.classes));
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
 * The winner among `active` candidates: the largest score; ties broken by the largest summed
 * probability, then by the lowest class index. Deterministic for every input.
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
): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let c = 0; c < classes; c++) {
    if (active && active[c] === 0) continue;
    const v = score[at + c] as number;
    if (best < 0 || v > bestScore + TIE_EPS * Math.max(1, Math.abs(bestScore))) {
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
 * The loser among `active` candidates (for elimination rules): the smallest score; ties broken by
 * the smallest summed probability, then by the highest class index (the mirror of {@link pickWinner}).
 */
export function pickLoser(
  score: ArrayLike<number>,
  sums: Float64Array,
  off: number,
  classes: number,
  active: Uint8Array,
): number {
  let worst = -1;
  let worstScore = Infinity;
  for (let c = 0; c < classes; c++) {
    if (active[c] === 0) continue;
    const v = score[c] as number;
    if (worst < 0 || v < worstScore) {
      worst = c;
      worstScore = v;
    } else if (v === worstScore && (sums[off + c] as number) <= (sums[off + worst] as number)) {
      worst = c;
    }
  }
  return worst;
}

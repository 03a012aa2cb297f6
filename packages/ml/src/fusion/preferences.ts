import type { Ensemble } from './ensemble.ts';
import { memberOrders, type RankOrder } from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

/**
 * Pairwise preference counts per sample: `P[a*C + b]` = number of members that rank class a above
 * class b. Margins are `P[a][b] − P[b][a]`. Building them costs O(S·M·C²/2), the dominant cost of the
 * Condorcet-family rules, so the whole S × C × C table is cached per ensemble when it fits in
 * {@link CACHE_LIMIT} entries (10,000 samples × 10 classes: 1 M entries, 2 MB); otherwise each sample
 * is rebuilt into one scratch buffer.
 */
const CACHE_LIMIT = 1 << 24;
const caches: Record<TieConvention, WeakMap<Ensemble, Uint16Array>> = {
  PRINCIPLED: new WeakMap(),
  ORIGINAL: new WeakMap(),
};

/** Visit every sample's preference counts (from the rankings of `ties`); `P` is read at `pOff + a*C + b`. */
export function forEachPreferences(
  ensemble: Ensemble,
  visit: (P: Uint16Array, pOff: number, sample: number) => void,
  ties: TieConvention = 'PRINCIPLED',
): void {
  const { samples, classes: C } = ensemble;
  const CC = C * C;
  const orders = memberOrders(ensemble, ties);
  const cache = caches[ties];
  if (samples * CC <= CACHE_LIMIT) {
    let table = cache.get(ensemble);
    if (!table) {
      table = new Uint16Array(samples * CC);
      for (let s = 0; s < samples; s++) fillPreferences(orders, s * C, C, table, s * CC);
      cache.set(ensemble, table);
    }
    for (let s = 0; s < samples; s++) visit(table, s * CC, s);
    return;
  }
  const scratch = new Uint16Array(CC);
  for (let s = 0; s < samples; s++) {
    scratch.fill(0);
    fillPreferences(orders, s * C, C, scratch, 0);
    visit(scratch, 0, s);
  }
}

function fillPreferences(
  orders: readonly RankOrder[],
  off: number,
  C: number,
  P: Uint16Array,
  pOff: number,
): void {
  for (const order of orders) {
    for (let i = 0; i < C - 1; i++) {
      const row = pOff + (order[off + i] as number) * C;
      for (let j = i + 1; j < C; j++) {
        const k = row + (order[off + j] as number);
        P[k] = (P[k] as number) + 1;
      }
    }
  }
}

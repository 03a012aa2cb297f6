/**
 * Multi-round rules: Baldwin, Nanson, Bucklin and single transferable vote. Definitions follow
 * ZuchniakK/Voting `voting_methods.py` and Brandt et al. (eds.), "Handbook of Computational Social
 * Choice", CUP 2016, §2.4–2.5. Ties `PRINCIPLED`: largest summed probability wins / smallest is
 * eliminated. The original's Bucklin and Nanson compute that tie-break and then overwrite it with the
 * first remaining candidate, and its Baldwin eliminates the lowest index among the weakest; ties
 * `ORIGINAL` reproduces exactly that (docs/fusion-ties.md).
 */
import type { Ensemble } from './ensemble.ts';
import { forEachPreferences } from './preferences.ts';
import {
  firstMin,
  memberOrders,
  pickLoser,
  pickWinner,
  type RankOrder,
  summedProbabilities,
} from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

/**
 * Baldwin: repeatedly drop the class with the lowest Borda score among the remaining classes, with
 * Borda recomputed on the remaining ones. Restricted Borda(a) = Σ_{b remaining} P[a][b], so dropping x
 * only subtracts P[a][x]: O(C²) per sample after the preference counts (not O(C³)).
 */
export function fuseBaldwin(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): Int32Array {
  return eliminateByBorda(ensemble, 'baldwin', ties);
}

/**
 * Nanson: repeatedly drop every class whose Borda score (on the remaining classes) is below the mean
 * of the remaining classes; when all remaining scores are equal, the summed probability decides.
 */
export function fuseNanson(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): Int32Array {
  return eliminateByBorda(ensemble, 'nanson', ties);
}

function eliminateByBorda(ensemble: Ensemble, kind: 'baldwin' | 'nanson', ties: TieConvention): Int32Array {
  const C = ensemble.classes;
  const sums = summedProbabilities(ensemble);
  const borda = new Float64Array(C);
  const active = new Uint8Array(C);
  const dropped = new Uint8Array(C);
  const predictions = new Int32Array(ensemble.samples);
  forEachPreferences(
    ensemble,
    (P, pOff, s) => {
      const off = s * C;
      active.fill(1);
      for (let a = 0; a < C; a++) {
        let acc = 0;
        for (let b = 0; b < C; b++) acc += P[pOff + a * C + b] as number;
        borda[a] = acc;
      }
      let remaining = C;
      while (remaining > 1) {
        dropped.fill(0);
        if (kind === 'baldwin') {
          dropped[ties === 'ORIGINAL' ? firstMin(borda, C, active) : pickLoser(borda, sums, off, C, active)] =
            1;
        } else {
          // Integer comparison score·k < total avoids rounding the mean.
          let total = 0;
          for (let a = 0; a < C; a++) if (active[a]) total += borda[a] as number;
          let any = false;
          for (let a = 0; a < C; a++) {
            if (active[a] && (borda[a] as number) * remaining < total) {
              dropped[a] = 1;
              any = true;
            }
          }
          if (!any) break;
        }
        for (let x = 0; x < C; x++) {
          if (!dropped[x]) continue;
          active[x] = 0;
          remaining--;
          for (let a = 0; a < C; a++)
            if (active[a]) borda[a] = (borda[a] as number) - (P[pOff + a * C + x] as number);
        }
      }
      // The original ends Nanson's all-equal round with the lowest remaining index.
      predictions[s] = pickWinner(borda, 0, sums, off, C, active, ties);
    },
    ties,
  );
  return predictions;
}

/**
 * Bucklin (linear): count first choices; while no class holds a strict majority (> M/2), add the next
 * rank's votes. At the first depth where some class has a majority, the class with the most votes
 * wins (standard Bucklin; the original instead takes the majority holder with the largest summed
 * probability and then overwrites it with the first one: ties `ORIGINAL` returns the lowest-index
 * majority holder). Cost O(S·M·depth).
 */
export function fuseBucklin(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): Int32Array {
  const { classes: C, models: M } = ensemble;
  const orders = memberOrders(ensemble, ties);
  const sums = summedProbabilities(ensemble);
  const votes = new Float64Array(C);
  const predictions = new Int32Array(ensemble.samples);
  for (let s = 0; s < ensemble.samples; s++) {
    const off = s * C;
    votes.fill(0);
    let top = 0;
    for (let r = 0; r < C && top * 2 <= M; r++) {
      for (const order of orders) {
        const c = order[off + r] as number;
        const v = (votes[c] as number) + 1;
        votes[c] = v;
        if (v > top) top = v;
      }
    }
    predictions[s] = ties === 'ORIGINAL' ? firstMajority(votes, C, M) : pickWinner(votes, 0, sums, off, C);
  }
  return predictions;
}

function firstMajority(votes: Float64Array, C: number, M: number): number {
  for (let c = 0; c < C; c++) if ((votes[c] as number) * 2 > M) return c;
  return -1;
}

/**
 * Single transferable vote with one seat (instant-runoff): repeatedly eliminate the remaining class
 * with the fewest first preferences (ties: smallest summed probability) and move its ballots to their
 * next remaining choice. Stops as soon as a class holds a strict majority, which cannot change the
 * winner: its count only grows and every other count stays below it. Cost O(S·M·C) amortised. Ties
 * `ORIGINAL`: among the fewest, the smallest summed probability, then the lowest index is eliminated.
 */
export function fuseStv(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): Int32Array {
  const { classes: C, models: M } = ensemble;
  const orders = memberOrders(ensemble, ties);
  const sums = summedProbabilities(ensemble);
  const counts = new Float64Array(C);
  const active = new Uint8Array(C);
  const pointer = new Int32Array(M);
  const predictions = new Int32Array(ensemble.samples);
  for (let s = 0; s < ensemble.samples; s++) {
    const off = s * C;
    counts.fill(0);
    active.fill(1);
    pointer.fill(0);
    for (const order of orders) counts[order[off] as number] = (counts[order[off] as number] as number) + 1;
    let remaining = C;
    while (remaining > 1) {
      const leader = pickWinner(counts, 0, sums, off, C, active);
      if ((counts[leader] as number) * 2 > M) break;
      const loser = pickLoser(counts, sums, off, C, active, ties);
      active[loser] = 0;
      remaining--;
      for (let m = 0; m < M; m++) {
        const order = orders[m] as RankOrder;
        let r = pointer[m] as number;
        if (order[off + r] !== loser) continue;
        while (active[order[off + r] as number] === 0) r++;
        pointer[m] = r;
        const c = order[off + r] as number;
        counts[c] = (counts[c] as number) + 1;
      }
    }
    predictions[s] = pickWinner(counts, 0, sums, off, C, active);
  }
  return predictions;
}

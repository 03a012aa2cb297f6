/**
 * Condorcet-family rules, all read from pairwise margins m(a, b) = #members ranking a above b minus
 * #members ranking b above a (ZuchniakK/Voting `preference_matrix`). Sources: Brandt et al. (eds.),
 * "Handbook of Computational Social Choice", CUP 2016, ch. 2–3; Copeland (1951); Simpson (1969) /
 * Kramer (1977) minimax. Ties per the convention (ranking.ts `pickWinner`): `PRINCIPLED` → largest
 * summed probability, then lowest class index; `ORIGINAL` → lowest class index.
 */
import { badInput } from '@distillery/errors';
import type { Ensemble } from './ensemble.ts';
import { forEachPreferences } from './preferences.ts';
import { pickWinner, summedProbabilities } from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

type MarginScore = 'symmetric-borda' | 'copeland' | 'simpson';

/**
 * Symmetric Borda: score(a) = Σ_b m(a, b). With strict rankings this equals 2·Borda(a) − M(C−1), so it
 * picks the Borda winner; it is kept as its own rule because the original reports it separately.
 * Copeland: score(a) = Σ_b sign m(a, b). Simpson (minimax): score(a) = min_{b≠a} m(a, b).
 */
export function fuseByMargins(
  ensemble: Ensemble,
  kind: MarginScore,
  ties: TieConvention = 'PRINCIPLED',
): Int32Array {
  const C = ensemble.classes;
  const sums = summedProbabilities(ensemble);
  const score = new Float64Array(C);
  const predictions = new Int32Array(ensemble.samples);
  forEachPreferences(
    ensemble,
    (P, pOff, s) => {
      marginScores(P, pOff, C, kind, score);
      predictions[s] = pickWinner(score, 0, sums, s * C, C, undefined, ties);
    },
    ties,
  );
  return predictions;
}

function marginScores(P: Uint16Array, pOff: number, C: number, kind: MarginScore, out: Float64Array): void {
  for (let a = 0; a < C; a++) {
    let acc = kind === 'simpson' ? Infinity : 0;
    for (let b = 0; b < C; b++) {
      if (a === b) continue;
      const margin = (P[pOff + a * C + b] as number) - (P[pOff + b * C + a] as number);
      if (kind === 'symmetric-borda') acc += margin;
      else if (kind === 'copeland') acc += Math.sign(margin);
      else if (margin < acc) acc = margin;
    }
    out[a] = acc;
  }
}

/** What the Condorcet rule answers when a sample has no Condorcet winner. */
export type CondorcetFallback = 'mean' | 'copeland' | 'simpson' | 'borda';
/** The fallbacks the Condorcet rule accepts. */
export const CONDORCET_FALLBACKS: readonly CondorcetFallback[] = ['mean', 'copeland', 'simpson', 'borda'];

/** Condorcet predictions plus how many samples had a Condorcet winner. */
export interface CondorcetFusion {
  predictions: Int32Array;
  /** Samples whose class came from a true Condorcet winner (the rest used the fallback). */
  withWinner: number;
}

/**
 * Condorcet winner: the class that beats every other class head-to-head, m(a, b) > 0 for all b ≠ a
 * (strict; at most one exists). A cycle (Condorcet paradox) or a tied pair leaves none, and then the
 * declared `fallback` decides: `mean` (probability sum, the original's choice), `copeland`, `simpson`
 * or `borda`. The strict form makes "has a Condorcet winner" statistics meaningful. With ties
 * `ORIGINAL` (ZuchniakK/Voting `find_condorcet_winner`) weak winners count (m(a, b) ≥ 0 for all b, so
 * several can exist) and the one with the largest summed probability is elected (lowest index among
 * equal sums); only when none exists does the fallback decide.
 */
export function fuseCondorcet(
  ensemble: Ensemble,
  fallback: CondorcetFallback = 'mean',
  ties: TieConvention = 'PRINCIPLED',
): CondorcetFusion {
  if (!CONDORCET_FALLBACKS.includes(fallback)) {
    throw badInput('condorcetFallback', fallback, `must be one of ${CONDORCET_FALLBACKS.join(', ')}`);
  }
  const C = ensemble.classes;
  const sums = summedProbabilities(ensemble);
  const score = new Float64Array(C);
  const weak = new Uint8Array(C);
  const predictions = new Int32Array(ensemble.samples);
  let withWinner = 0;
  forEachPreferences(
    ensemble,
    (P, pOff, s) => {
      const winner =
        ties === 'ORIGINAL'
          ? weakCondorcetWinner(P, pOff, C, sums, s * C, weak)
          : condorcetWinner(P, pOff, C);
      if (winner >= 0) {
        withWinner++;
        predictions[s] = winner;
        return;
      }
      if (fallback === 'mean') {
        predictions[s] = pickWinner(sums, s * C, sums, s * C, C, undefined, ties);
        return;
      }
      if (fallback === 'borda') {
        // Borda(a) = Σ_b P[a][b]: the number of (member, class) pairs that a beats.
        for (let a = 0; a < C; a++) {
          let acc = 0;
          for (let b = 0; b < C; b++) acc += P[pOff + a * C + b] as number;
          score[a] = acc;
        }
      } else {
        marginScores(P, pOff, C, fallback, score);
      }
      predictions[s] = pickWinner(score, 0, sums, s * C, C, undefined, ties);
    },
    ties,
  );
  return { predictions, withWinner };
}

/** Among the weak Condorcet winners (m(a, b) ≥ 0 for every b), the largest summed probability; −1 if none. */
function weakCondorcetWinner(
  P: Uint16Array,
  pOff: number,
  C: number,
  sums: Float64Array,
  off: number,
  weak: Uint8Array,
): number {
  let any = false;
  for (let a = 0; a < C; a++) {
    let ok = 1;
    for (let b = 0; b < C && ok; b++) {
      if ((P[pOff + a * C + b] as number) < (P[pOff + b * C + a] as number)) ok = 0;
    }
    weak[a] = ok;
    if (ok) any = true;
  }
  return any ? pickWinner(sums, off, sums, off, C, weak, 'ORIGINAL') : -1;
}

/** The strict Condorcet winner of one sample's preference counts, or −1. */
export function condorcetWinner(P: Uint16Array, pOff: number, C: number): number {
  // One pass finds the only possible candidate (beats-or-survives tournament), a second verifies it.
  let candidate = 0;
  for (let b = 1; b < C; b++) {
    if ((P[pOff + b * C + candidate] as number) > (P[pOff + candidate * C + b] as number)) candidate = b;
  }
  for (let b = 0; b < C; b++) {
    if (b !== candidate && (P[pOff + candidate * C + b] as number) <= (P[pOff + b * C + candidate] as number))
      return -1;
  }
  return candidate;
}

/**
 * How fusion rules break ties (docs/fusion-ties.md compares the two rule by rule):
 * - `principled` (default): equal probabilities rank the lower class index first; a tied score is
 *   decided by the largest summed probability, then the lowest class index; Condorcet winners are
 *   strict; Bucklin elects the class with most votes at the decisive depth.
 * - `original`: exactly what ZuchniakK/Voting `VotingPreferences` returns, quirks included (rankings
 *   from numpy 1.24's `argsort`, flipped; the summed-probability tie-break that never fires; Baldwin
 *   eliminating the lowest index; lowest-index answers in Bucklin and Nanson; weak Condorcet winners).
 */
export const TIE_CONVENTIONS = ['principled', 'original'] as const;
/** A tie convention. */
export type TieConvention = (typeof TIE_CONVENTIONS)[number];

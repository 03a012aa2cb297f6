// The ranges the method bounds its quantities to, by the name a param, fact or metric key goes by:
// the one place charts ask so an axis ends at 1 (a subset's p, an accuracy) instead of padding to 1.02.

/** The closed range [lo, hi] a quantity's values lie in. */
export type ValueBounds = readonly [lo: number, hi: number];

/** [0, 1]: fractions (p ∈ (0, 1], α ∈ [0, 1], split fractions) and shares of samples (accuracy). */
export const UNIT_BOUNDS: ValueBounds = [0, 1];

// Params and facts by their last path segment: a subset's p (`fraction`, the compare page's `p`),
// the teachers' p of a student, the split's val/test/use fractions, and the distillation weight α.
const BOUNDED: ReadonlyMap<string, ValueBounds> = new Map(
  ['p', 'fraction', 'teacherFraction', 'valFraction', 'testFraction', 'useFraction', 'alpha'].map((k) => [
    k,
    UNIT_BOUNDS,
  ]),
);
// Metrics that are shares of samples, with any split prefix (`test_accuracy`, `val_agreement`).
const SHARE_METRIC = /(^|[._])(accuracy|acc|agreement|precision|recall|f1)$/;

/**
 * The bounds of a param, fact or metric by its name or dotted path (`params.fraction`, `p`,
 * `summary.test_accuracy`), or null when the method does not bound it (lr, loss, T).
 */
export function valueBounds(name: string): ValueBounds | null {
  const leaf = name.split('.').at(-1) ?? name;
  return BOUNDED.get(leaf) ?? (SHARE_METRIC.test(leaf) ? UNIT_BOUNDS : null);
}

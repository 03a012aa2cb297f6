/**
 * Debiased exponential moving average, as TensorBoard's scalar smoothing:
 * s_t = w·s_{t-1} + (1−w)·v_t, reported as s_t / (1 − w^n) where n counts the finite values seen,
 * so the curve starts at the first value instead of at 0. Nulls and non-finite values stay null
 * and do not advance n. w = 0 returns the input.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.slice();
  const w = Math.min(weight, 0.999);
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    last = last * w + (1 - w) * v;
    n += 1;
    return last / (1 - w ** n);
  });
}

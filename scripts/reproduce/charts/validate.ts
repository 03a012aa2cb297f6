import { badInput } from '@distillery/errors';

/** Throws unless `v` is a finite number; `field` names it in the message. */
export function requireFinite(field: string, v: number): void {
  if (!Number.isFinite(v)) throw badInput(field, v, 'must be a finite number');
}

/** Throws unless `list` has at least one element. */
export function requireNonEmpty(field: string, list: readonly unknown[]): void {
  if (list.length === 0) throw badInput(field, list, 'must not be empty');
}

/** Throws unless an error half-width is finite and not negative. */
export function requireErr(field: string, err: number): void {
  if (!Number.isFinite(err) || err < 0) throw badInput(field, err, 'must be a finite number >= 0');
}

/** Throws when yMin/yMax (or min/max) are given in the wrong order. */
export function requireRange(field: string, lo: number | undefined, hi: number | undefined): void {
  if (lo !== undefined) requireFinite(`${field}.min`, lo);
  if (hi !== undefined) requireFinite(`${field}.max`, hi);
  if (lo !== undefined && hi !== undefined && !(lo < hi))
    throw badInput(field, [lo, hi], 'min must be < max');
}

import { graphqlErrors, toAppError, toAppErrorCode } from '@distillery/client';

/** The first API error for `name` or one of its items (`fractions.1`). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  return (
    errors[name] ??
    Object.entries(errors).find(([k]) => k.startsWith(`${name}.`) || k.startsWith(`${name}[`))?.[1]
  );
}

/** Parse `0.6, 0.8, 1` into numbers, each checked by `check`. */
export function numberList(check?: (n: number) => string | null): (raw: string) => number[] {
  return (raw) => {
    const items = raw.split(/[\s,]+/).filter(Boolean);
    if (items.length === 0) throw new Error('enter at least one number');
    return items.map((s) => {
      const n = Number(s);
      if (!Number.isFinite(n)) throw new Error(`"${s}" is not a number`);
      const why = check?.(n);
      if (why) throw new Error(`${s}: ${why}`);
      return n;
    });
  };
}

/** `code: message` of each error of `e` that no field of the form shows (it goes above the form). */
export function unplacedErrors(e: unknown, fieldNames: readonly string[]): string[] {
  const items = graphqlErrors(e);
  if (items.length === 0) {
    const err = toAppError(e);
    return err.field && fieldNames.some((k) => err.field!.replace(/^input\./, '').startsWith(k))
      ? []
      : [`${err.code}: ${err.message}`];
  }
  return items
    .filter((i) => {
      const field = i.extensions?.field;
      return (
        typeof field !== 'string' || !fieldNames.some((k) => field.replace(/^input\./, '').startsWith(k))
      );
    })
    .map((i) => `${toAppErrorCode(i.extensions?.code)}: ${i.message}`);
}

import { graphqlErrors, toAppError, toAppErrorCode } from '@distillery/client';

/**
 * An error as the dashboard shows it: the message and, when it came from the API or the transport,
 * its code (`extensions.code`, NETWORK, …). Checks the browser makes itself carry no code.
 */
export interface ShownError {
  message: string;
  code?: string;
}

const fieldName = (field: string) => field.replace(/^input\./, '');
// A form field takes its own errors and its items' (`fractions` takes `fractions.1`, `ids[0]`).
const takes = (name: string, field: string) =>
  field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`);

/** The API's errors of `e` by input field, `input.` dropped (`input.fraction` → `fraction`), each with its code. */
export function apiFieldErrors(e: unknown): Record<string, ShownError> {
  const items = graphqlErrors(e);
  if (items.length === 0) {
    const err = toAppError(e);
    return err.field ? { [fieldName(err.field)]: { message: err.message, code: err.code } } : {};
  }
  const out: Record<string, ShownError> = {};
  for (const i of items) {
    const field = i.extensions?.field;
    if (typeof field === 'string')
      out[fieldName(field)] ??= { message: i.message, code: toAppErrorCode(i.extensions?.code) };
  }
  return out;
}

/** The errors of `e` no field in `fieldNames` shows (a form puts them above its fields), each with its code. */
export function unplacedErrors(e: unknown, fieldNames: readonly string[]): ShownError[] {
  const shown = (field: unknown) =>
    typeof field === 'string' && fieldNames.some((k) => takes(k, fieldName(field)));
  const items = graphqlErrors(e);
  if (items.length === 0) {
    const err = toAppError(e);
    return shown(err.field) ? [] : [{ message: err.message, code: err.code }];
  }
  return items
    .filter((i) => !shown(i.extensions?.field))
    .map((i) => ({ message: i.message, code: toAppErrorCode(i.extensions?.code) }));
}

/** The first error for field `name` or one of its items (`fractions.1`). */
export function errorFor<T>(errors: Record<string, T>, name: string): T | undefined {
  return errors[name] ?? Object.entries(errors).find(([k]) => takes(name, k))?.[1];
}

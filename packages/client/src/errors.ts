// Every failure a caller sees is an AppError from @distillery/errors, keyed by the API's AppErrorCode:
// the API's own `extensions.code` (and field), or NETWORK / TIMEOUT / UNAVAILABLE for the transport.
// The raw GraphQL errors and the HTTP status ride along in `details`.
import { AppError, AppErrorCode, isAppError, TRANSPORT_CODES } from '@distillery/errors';

/** One GraphQL error as the API sends it. */
export interface GraphqlErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}

/** Codes worth retrying: the same request may succeed unchanged later. */
const TRANSIENT_CODES: ReadonlySet<AppErrorCode> = new Set([...TRANSPORT_CODES, AppErrorCode.RATE_LIMITED]);

/** Codes a server outside our control may send for a malformed request (graphql-js, Apollo). */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST']);

const KNOWN_CODES = new Set<string>(Object.values(AppErrorCode));

/** The AppErrorCode of a wire code: our own codes pass, malformed-request codes are BAD_USER_INPUT, the rest INTERNAL. */
export function toAppErrorCode(code: unknown): AppErrorCode {
  if (typeof code !== 'string') return AppErrorCode.INTERNAL;
  if (KNOWN_CODES.has(code)) return code as AppErrorCode;
  return REQUEST_CODES.has(code) ? AppErrorCode.BAD_USER_INPUT : AppErrorCode.INTERNAL;
}

/** The error for a GraphQL `errors` array: the first error's message, code and field lead. */
export function apiErrorFrom(errors: readonly GraphqlErrorBody[], status?: number): AppError {
  const first = errors[0];
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return new AppError(
    toAppErrorCode(first?.extensions?.code),
    `${first?.message ?? 'unknown error'}${more}`,
    {
      ...(typeof first?.extensions?.field === 'string' ? { field: first.extensions.field } : {}),
      details: { errors, ...(status === undefined ? {} : { status }) },
    },
  );
}

/** The GraphQL errors behind an AppError the client raised ([] for transport failures). */
export function graphqlErrors(e: unknown): readonly GraphqlErrorBody[] {
  const errors = isAppError(e) ? e.details?.errors : undefined;
  return Array.isArray(errors) ? (errors as GraphqlErrorBody[]) : [];
}

/** The HTTP status of the answer that failed, when there was one. */
export function httpStatus(e: unknown): number | undefined {
  const status = isAppError(e) ? e.details?.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** True when retrying the same request may succeed (network, timeout, 502–504, rate limits). */
export function isTransient(e: unknown): e is AppError {
  return isAppError(e) && TRANSIENT_CODES.has(e.code);
}

/**
 * Any thrown value as an AppError. graphql-ws hands subscribers a GraphQL `errors` array or a socket
 * close event rather than an Error, so those are read as such (a close is NETWORK); other unknown values
 * become INTERNAL with the value as the cause.
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (e instanceof Error) return new AppError(AppErrorCode.INTERNAL, e.message, { cause: e });
  if (Array.isArray(e) && e.length > 0 && e.every(isGraphqlErrorBody)) return apiErrorFrom(e);
  if (isCloseEvent(e)) {
    const why = e.reason ? `: ${e.reason}` : '';
    return new AppError(AppErrorCode.NETWORK, `connection closed (code ${e.code}${why})`, { cause: e });
  }
  return new AppError(AppErrorCode.INTERNAL, safeString(e), { cause: e });
}

function isGraphqlErrorBody(v: unknown): v is GraphqlErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string';
}

function isCloseEvent(v: unknown): v is { code: number; reason?: string } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'number';
}

/** A readable text for any value ("[object Object]" says nothing). */
function safeString(v: unknown): string {
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    return JSON.stringify(v).slice(0, 500);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** Messages by input field for a form, with the `input.` prefix removed (`input.fraction` → `fraction`). */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = graphqlErrors(e);
  const fields = items.length
    ? items.map((i) => ({ field: i.extensions?.field, message: i.message }))
    : [{ field: isAppError(e) ? e.field : undefined, message: isAppError(e) ? e.message : '' }];
  for (const { field, message } of fields) {
    if (typeof field !== 'string') continue;
    out[field.replace(/^input\./, '')] ??= message;
  }
  return out;
}

/** Messages not tied to a field (a form shows them above its fields). */
export function formErrors(e: unknown): string[] {
  const items = graphqlErrors(e);
  if (items.length === 0) return isAppError(e) && e.field ? [] : [toAppError(e).message];
  return items.filter((i) => typeof i.extensions?.field !== 'string').map((i) => i.message);
}

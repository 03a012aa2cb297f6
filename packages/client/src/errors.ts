// Errors a script sees: the API's own message and `extensions.code`, or a transport failure.

/** One GraphQL error as the API sends it. */
export interface GraphqlErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; field?: string; [k: string]: unknown };
}

/** Codes worth retrying: the request may succeed unchanged later. */
const TRANSIENT_CODES = new Set([
  'NETWORK',
  'TIMEOUT',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'HTTP_502',
  'HTTP_503',
  'HTTP_504',
]);

/** An error answered by the API (`code` is its `extensions.code`) or by the transport (`NETWORK`, `TIMEOUT`, `HTTP_<status>`). */
export class DistilleryApiError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly errors: readonly GraphqlErrorBody[];

  constructor(
    code: string,
    message: string,
    options: { field?: string; status?: number; errors?: readonly GraphqlErrorBody[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DistilleryApiError';
    this.code = code;
    this.field = options.field;
    this.status = options.status;
    this.errors = options.errors ?? [];
  }

  /** True when retrying the same request may succeed (network, timeout, 502–504, rate limits). */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code);
  }
}

/** Build the error for a GraphQL `errors` array: the first error's message and code lead. */
export function apiErrorFrom(errors: readonly GraphqlErrorBody[], status?: number): DistilleryApiError {
  const first = errors[0];
  const code = first?.extensions?.code ?? (status && status >= 500 ? `HTTP_${status}` : 'INTERNAL');
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
  return new DistilleryApiError(code, `${first?.message ?? 'unknown error'}${more}`, {
    ...(first?.extensions?.field ? { field: first.extensions.field } : {}),
    ...(status === undefined ? {} : { status }),
    errors,
  });
}

/** True when `e` is a DistilleryApiError (also across duplicated module instances). */
export function isApiError(e: unknown): e is DistilleryApiError {
  return (
    e instanceof DistilleryApiError || (e instanceof Error && e.name === 'DistilleryApiError' && 'code' in e)
  );
}

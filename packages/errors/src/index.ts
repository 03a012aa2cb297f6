/**
 * One error type for every Distillery package and app. The API maps `code` to GraphQL
 * `extensions.code`; the runner records it on the failed run; the CLI prints it.
 */
export enum AppErrorCode {
  /** Input failed validation; `field` names what was wrong. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** No valid credentials were presented. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller is known but its role does not allow the operation. */
  FORBIDDEN = 'FORBIDDEN',
  /** The referenced object does not exist (or is not visible to the caller). */
  NOT_FOUND = 'NOT_FOUND',
  /** The operation conflicts with the current state (duplicate name, run already finished, stale attempt). */
  CONFLICT = 'CONFLICT',
  /** Too many requests for now (login throttling); retrying later may succeed. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The operation breaks a query limit (cost, depth, aliases, tokens, body size); it fails again unchanged. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Configuration or environment problem the operator must fix (bad DATABASE_URL, port in use). */
  CONFIG = 'CONFIG',
  /** Training diverged (NaN/Infinity loss) and was stopped. */
  TRAINING_DIVERGED = 'TRAINING_DIVERGED',
  /** A data file is corrupt or does not match its declared format or hash. */
  DATA_CORRUPT = 'DATA_CORRUPT',
  /** Anything unexpected; details are logged, not shown. */
  INTERNAL = 'INTERNAL',
  /** Client side: the API could not be reached (connection refused or reset, DNS, socket closed). */
  NETWORK = 'NETWORK',
  /** Client side: the API did not answer within the client's deadline. */
  TIMEOUT = 'TIMEOUT',
  /**
   * Unavailable for now; retry later. The API answers it (HTTP 503) while its database is unreachable;
   * a client raises it when the API answered without a GraphQL result (502–504 from a proxy, restarting).
   */
  UNAVAILABLE = 'UNAVAILABLE',
}

/** Codes of a request that got no usable answer (NETWORK and TIMEOUT only a client raises); retryable. */
export const TRANSPORT_CODES: ReadonlySet<AppErrorCode> = new Set([
  AppErrorCode.NETWORK,
  AppErrorCode.TIMEOUT,
  AppErrorCode.UNAVAILABLE,
]);

/** Options carried by an AppError besides its code and message. */
export interface AppErrorOptions {
  /** Dotted path of the offending input field, e.g. `input.fraction`. */
  field?: string;
  /** The offending value, when it is safe to echo back. */
  value?: unknown;
  cause?: unknown;
  /** Extra machine-readable details. */
  details?: Record<string, unknown>;
}

/** The single error class used across Distillery. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly field: string | undefined;
  readonly value: unknown;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.value = options.value;
    this.details = options.details;
  }

  /** Serialisable form, e.g. for a failed run's reason or GraphQL extensions. */
  toJSON(): { code: AppErrorCode; message: string; field?: string; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** True when `e` is an AppError (also across duplicated module instances). */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (e instanceof Error && e.name === 'AppError' && 'code' in e);
}

/** Shorthand for a BAD_USER_INPUT error naming the field and the value. */
export function badInput(field: string, value: unknown, why: string): AppError {
  return new AppError(AppErrorCode.BAD_USER_INPUT, `${field}: ${why} (got ${describeValue(value)})`, {
    field,
    value,
  });
}

/** Shorthand for NOT_FOUND naming the kind and id. */
export function notFound(kind: string, id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `${kind} ${id} was not found`, { field: 'id', value: id });
}

/** Render a value briefly for an error message (never dumps huge arrays). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return typeof value;
  }
}

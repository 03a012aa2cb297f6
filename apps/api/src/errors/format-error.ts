import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnavailable } from '@distillery/db';
import { AppErrorCode, isAppError } from '@distillery/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Codes clients may see; everything else is INTERNAL. */
const PUBLIC_CODES = new Set<string>([
  AppErrorCode.BAD_USER_INPUT,
  AppErrorCode.UNAUTHENTICATED,
  AppErrorCode.FORBIDDEN,
  AppErrorCode.NOT_FOUND,
  AppErrorCode.CONFLICT,
  AppErrorCode.RATE_LIMITED,
  AppErrorCode.QUERY_TOO_COMPLEX,
  AppErrorCode.UNAVAILABLE,
  AppErrorCode.INTERNAL,
]);

/** Apollo's own codes for malformed requests, mapped to ours. */
const APOLLO_CODES: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: AppErrorCode.BAD_USER_INPUT,
  GRAPHQL_VALIDATION_FAILED: AppErrorCode.BAD_USER_INPUT,
  BAD_USER_INPUT: AppErrorCode.BAD_USER_INPUT,
  BAD_REQUEST: AppErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_FOUND: AppErrorCode.BAD_USER_INPUT,
  PERSISTED_QUERY_NOT_SUPPORTED: AppErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: AppErrorCode.BAD_USER_INPUT,
};

/** HTTP status per code, for errors raised before execution. */
export const HTTP_STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The message a client sees while the database is unreachable. */
export const UNAVAILABLE_MESSAGE = 'the database is unavailable right now; retry shortly';

/**
 * The one error formatter: AppErrors keep their code, message and field; GraphQL/Apollo request errors
 * become BAD_USER_INPUT; a lost database is UNAVAILABLE (retryable, HTTP 503); anything else is logged
 * and masked as INTERNAL.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (e: unknown) => void,
): GraphQLFormattedError {
  const original = appErrorWithin(unwrapResolverError(error));
  if (!isAppError(original) && isDatabaseUnavailable(original)) {
    return {
      message: UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: AppErrorCode.UNAVAILABLE },
    };
  }
  if (isAppError(original)) {
    const code = PUBLIC_CODES.has(original.code) ? original.code : AppErrorCode.INTERNAL;
    if (code === AppErrorCode.INTERNAL) log(original);
    return {
      message: code === AppErrorCode.INTERNAL ? 'Internal error' : original.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code,
        ...(original.field ? { field: original.field } : {}),
        // A machine-readable cause within the code (INVITATION_EXPIRED, LAST_ADMIN, …) for clients to branch on.
        ...(code !== AppErrorCode.INTERNAL && typeof original.details?.reason === 'string'
          ? { reason: original.details.reason }
          : {}),
      },
    };
  }
  const apolloCode = formatted.extensions?.code;
  // Errors we raise as GraphQLError ourselves (context, limits) already carry a public code.
  if (
    typeof apolloCode === 'string' &&
    PUBLIC_CODES.has(apolloCode) &&
    apolloCode !== AppErrorCode.INTERNAL
  ) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: apolloCode },
    };
  }
  if (typeof apolloCode === 'string' && APOLLO_CODES[apolloCode]) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: APOLLO_CODES[apolloCode] },
    };
  }
  // Errors graphql-js raised itself (variable coercion, validation) carry no original error.
  if (original instanceof GraphQLError && !original.originalError) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: AppErrorCode.BAD_USER_INPUT },
    };
  }
  log(original);
  return {
    message: 'Internal error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: AppErrorCode.INTERNAL },
  };
}

/** The AppError a request error wraps (Apollo wraps validation errors once more), else the error itself. */
function appErrorWithin(error: unknown): unknown {
  let e = error;
  for (let i = 0; i < 3 && e instanceof Error; i++) {
    if (isAppError(e)) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return isAppError(e) ? e : error;
}

import { isApiError } from '@distillery/client';
import { isAppError } from '@distillery/errors';

/** Exit codes of every command (documented in the README and `--help`). */
export const EXIT = {
  OK: 0,
  /** The API answered an error, or a local step failed. */
  ERROR: 1,
  /** Bad arguments, an invalid plan or input the API rejected as BAD_USER_INPUT. */
  USAGE: 2,
  /** Not logged in, token rejected, or the role does not allow it. */
  AUTH: 3,
  /** The object asked for does not exist (or is not visible). */
  NOT_FOUND: 4,
  /** The API could not be reached. */
  UNREACHABLE: 5,
  /** `runs watch`: the run FAILED. */
  RUN_FAILED: 10,
  /** `runs watch`: the run was CANCELLED. */
  RUN_CANCELLED: 11,
} as const;

/** The exit code for an error code. */
export function exitCodeFor(code: string): number {
  if (code === 'BAD_USER_INPUT' || code === 'USAGE' || code === 'GRAPHQL_VALIDATION_FAILED')
    return EXIT.USAGE;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') return EXIT.AUTH;
  if (code === 'NOT_FOUND') return EXIT.NOT_FOUND;
  if (code === 'NETWORK' || code === 'TIMEOUT') return EXIT.UNREACHABLE;
  return EXIT.ERROR;
}

/** A local CLI failure with a code, printed like an API error. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `[code, message]` of any error, without a stack trace. */
export function describeError(e: unknown): { code: string; message: string } {
  if (isApiError(e) || e instanceof CliError || isAppError(e))
    return { code: String(e.code), message: e.message };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  return { code: 'INTERNAL', message: String(e) };
}

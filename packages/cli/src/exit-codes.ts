import { AppErrorCode, isAppError } from '@distillery/errors';

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

/** The exit code for an error code (local failures and the API's use the same AppErrorCode). */
export function exitCodeFor(code: string): number {
  switch (code) {
    case AppErrorCode.BAD_USER_INPUT:
      return EXIT.USAGE;
    case AppErrorCode.UNAUTHENTICATED:
    case AppErrorCode.FORBIDDEN:
      return EXIT.AUTH;
    case AppErrorCode.NOT_FOUND:
      return EXIT.NOT_FOUND;
    case AppErrorCode.NETWORK:
    case AppErrorCode.TIMEOUT:
    case AppErrorCode.UNAVAILABLE:
      return EXIT.UNREACHABLE;
    default:
      return EXIT.ERROR;
  }
}

/** `[code, message]` of any error, without a stack trace. */
export function describeError(e: unknown): { code: string; message: string } {
  if (isAppError(e)) return { code: e.code, message: e.message };
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  return { code: 'INTERNAL', message: String(e) };
}

import { AppError, AppErrorCode } from '@distillery/errors';

/** The one line printed when the `postgres` user cannot reach what the embedded server needs. */
export function unreachable(what: string, sharedDir: string, why: string): AppError {
  return new AppError(
    AppErrorCode.CONFIG,
    `the embedded PostgreSQL runs as the system user postgres (PostgreSQL refuses root), which cannot enter ${what}, and moving it to ${sharedDir} failed (${why}); set DISTILLERY_PG_SHARED_DIR to a folder every user can enter, run as a non-root user, or set DATABASE_URL to an existing server`,
    { field: 'DISTILLERY_PG_SHARED_DIR', value: sharedDir },
  );
}

import { AppError, AppErrorCode } from '@distillery/errors';

/** Prisma error codes the services handle, by name (see Prisma's error reference). */
export const PrismaErrorCode = {
  UNIQUE_VIOLATION: 'P2002',
  FOREIGN_KEY_VIOLATION: 'P2003',
  RECORD_NOT_FOUND: 'P2025',
} as const;

/** True when `e` is a Prisma known-request error with the given code. */
export function isPrismaError(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** Map a connection-level failure (server down, auth refused, unknown db) to one clear CONFIG error. */
export function connectionError(e: unknown, what: string): AppError {
  const err = e as { code?: string; message?: string };
  const hint: Record<string, string> = {
    ECONNREFUSED:
      'nothing is listening there; start PostgreSQL or unset DATABASE_URL to use the embedded database',
    ENOTFOUND: 'the host name does not resolve',
    '28P01': 'the password was refused',
    '28000': 'the server refused this user (check pg_hba.conf / the user name)',
    '3D000':
      'the database does not exist; create it first (createdb) or point DATABASE_URL at an existing one',
  };
  const why = (err.code && hint[err.code]) ?? err.message ?? String(e);
  return new AppError(AppErrorCode.CONFIG, `cannot connect to ${what}: ${why}`, { cause: e });
}

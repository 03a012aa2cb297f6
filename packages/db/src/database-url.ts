import { AppError, AppErrorCode } from '@distillery/errors';

/** Parsed, validated PostgreSQL connection URL. */
export interface DatabaseUrl {
  url: string;
  host: string;
  port: number;
  database: string;
}

/**
 * Validate a PostgreSQL URL and return its parts; the error says what is wrong and what to do,
 * because this is the first thing a new user gets wrong.
 */
export function parseDatabaseUrl(raw: string, source = 'DATABASE_URL'): DatabaseUrl {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${source} is not a URL (got ${JSON.stringify(raw.slice(0, 60))}); expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or unset it to use the embedded database`,
      { field: source },
    );
  }
  if (u.protocol !== 'postgresql:' && u.protocol !== 'postgres:') {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${source} must start with postgresql:// (got ${u.protocol}//); unset it to use the embedded database`,
      { field: source },
    );
  }
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!u.hostname || !database) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${source} needs a host and a database name, e.g. postgresql://postgres@127.0.0.1:5432/distillery`,
      { field: source },
    );
  }
  const port = u.port ? Number(u.port) : 5432;
  return { url: raw, host: u.hostname, port, database };
}

/** Replace the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Same URL with the password masked, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

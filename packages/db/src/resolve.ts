import { join } from 'node:path';

import pg from 'pg';

import { parseDatabaseUrl } from './database-url.ts';
import { freePort, startEmbeddedPostgres } from './embedded.ts';

/** Where a server came from, for the one line printed at start. */
export type ServerSource = 'DATABASE_URL' | 'local' | 'embedded';

/** A PostgreSQL server to use, and how to let go of it. */
export interface ResolvedServer {
  /** URL of a database the caller may use to create/drop others. */
  adminUrl: string;
  source: ServerSource;
  stop(): Promise<void>;
}

/** The conventional local server on these machines (trust auth). */
export const LOCAL_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** True when a PostgreSQL server answers at `url` within `timeoutMs`. */
export async function serverAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The server the test suite uses: `databaseUrl` when given, else the local server on 127.0.0.1:5432
 * when it answers, else an embedded PostgreSQL under `<repo>/.data/test-pg`.
 */
export async function resolveTestServer(repoRoot: string, databaseUrl?: string): Promise<ResolvedServer> {
  const none = async () => undefined;
  if (databaseUrl) {
    parseDatabaseUrl(databaseUrl);
    return { adminUrl: databaseUrl, source: 'DATABASE_URL', stop: none };
  }
  if (await serverAnswers(LOCAL_SERVER_URL))
    return { adminUrl: LOCAL_SERVER_URL, source: 'local', stop: none };
  const server = await startEmbeddedPostgres({
    dataDir: join(repoRoot, '.data', 'test-pg'),
    port: await freePort(),
  });
  return { adminUrl: server.adminUrl, source: 'embedded', stop: server.stop };
}

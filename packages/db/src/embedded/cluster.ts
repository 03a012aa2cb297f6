import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';

import type { PgBinaries } from './binaries.ts';
import type { PostgresIds } from './system-user.ts';

/** Passwords of an embedded cluster, kept in `<PGDATA>/distillery-credentials.json` (mode 600). */
export interface Credentials {
  superuser: string;
  /** Password of the application role, when the product made one. */
  app?: string;
}

/** The superuser password of clusters made before credentials were stored (they used postgres/postgres). */
export const LEGACY_PASSWORD = 'postgres';

const credentialsFile = (pgdata: string) => join(pgdata, 'distillery-credentials.json');

/** A new random password (URL-safe, so it needs no escaping in a connection URL). */
export function randomPassword(): string {
  return randomBytes(24).toString('base64url');
}

/** Stored credentials, or null for a cluster made before they were stored. */
export function readCredentials(pgdata: string): Credentials | null {
  try {
    return JSON.parse(readFileSync(credentialsFile(pgdata), 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

/** Store credentials readable only by this user. */
export function writeCredentials(pgdata: string, creds: Credentials): void {
  writeFileSync(credentialsFile(pgdata), `${JSON.stringify(creds, null, 2)}\n`, { mode: 0o600 });
}

/** Initialise an empty cluster with password authentication and a random superuser password. */
export function initCluster(bin: PgBinaries, pgdata: string, ids: PostgresIds | null): Credentials {
  const creds: Credentials = { superuser: randomPassword() };
  const pwDir = mkdtempSync(join(tmpdir(), 'distillery-pw-'));
  const pwFile = join(pwDir, 'pw');
  writeFileSync(pwFile, `${creds.superuser}\n`, { mode: 0o600 });
  if (ids) {
    chownSync(pwDir, ids.uid, ids.gid);
    chownSync(pwFile, ids.uid, ids.gid);
  }
  try {
    const res = spawnSync(
      bin.initdb,
      [
        `--pgdata=${pgdata}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ],
      { encoding: 'utf8', cwd: '/', env: { ...process.env, LC_ALL: 'C' }, ...(ids ?? {}) },
    );
    if (res.status !== 0) {
      throw new AppError(
        AppErrorCode.CONFIG,
        `initdb failed in ${pgdata}: ${(res.stderr || res.error?.message || '').trim().split('\n').pop()}`,
      );
    }
  } finally {
    rmSync(pwDir, { recursive: true, force: true });
  }
  writeCredentials(pgdata, creds);
  return creds;
}

/** Refuse a cluster of another major version with one line saying what to do. */
export function checkMajorVersion(bin: PgBinaries, pgdata: string): void {
  const have = Number(readFileSync(join(pgdata, 'PG_VERSION'), 'utf8').trim());
  if (have === bin.major) return;
  throw new AppError(
    AppErrorCode.CONFIG,
    `${pgdata} holds PostgreSQL ${have} data but the embedded server is PostgreSQL ${bin.major}; dump it with PostgreSQL ${have}'s pg_dump and restore it into an empty data folder (README "Backups"), or set DATABASE_URL to a PostgreSQL ${have} server`,
    { field: 'DISTILLERY_DATA_DIR', value: pgdata },
  );
}

/** Processes whose working folder is `pgdata`: a postmaster and its backends (they chdir there). */
export function processesIn(pgdata: string): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === pgdata) pids.push(Number(entry));
    } catch {
      // gone, or not ours to inspect
    }
  }
  return pids;
}

/**
 * Recover from an earlier start that was killed: a postmaster still running in `pgdata` (orphaned when
 * its supervisor died) is shut down (fast, then immediate, then SIGKILL), and we wait until its
 * backends are gone too, so PostgreSQL's own lock-file and shared-memory checks see a clean state.
 * A `postmaster.pid` naming a dead process is left for PostgreSQL, which recovers from it itself; one
 * naming an unrelated live process (the pid was reused) is removed, since nothing runs in `pgdata`.
 */
export async function clearLeftoverServer(pgdata: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const inside = processesIn(pgdata);
  if (pid > 0 && inside.includes(pid)) {
    log(`a PostgreSQL (pid ${pid}) left running in ${pgdata} by an earlier start: shutting it down`);
    for (const [signal, waitMs] of [
      ['SIGINT', 20_000],
      ['SIGQUIT', 5_000],
      ['SIGKILL', 5_000],
    ] as const) {
      if (await signalAndWait(pid, signal, waitMs)) break;
    }
  }
  const deadline = Date.now() + 10_000;
  while (processesIn(pgdata).length > 0 && Date.now() < deadline) await sleep(100);
  if (existsSync(pidFile) && pid > 0 && isAlive(pid) && !processesIn(pgdata).includes(pid)) {
    rmSync(pidFile, { force: true });
  }
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return true;
  }
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

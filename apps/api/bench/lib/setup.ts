import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createDatabase, withDatabase, type Database } from '@distillery/db';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import pg from 'pg';

import { generateSecret, hashSecret, TOKEN_PREFIX } from '../../src/auth/tokens.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** Prose goes to stderr; stdout carries only the JSON lines. */
export const say = (line: string): void => void process.stderr.write(`${line}\n`);
/** One result line. */
export const emit = (o: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

/** A throwaway database for the bench, migrated, with a project, an ADMIN user and their token. */
export interface BenchDb {
  url: string;
  db: Database;
  projectId: string;
  userId: string;
  token: string;
  drop(): Promise<void>;
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Create the bench database on DATABASE_URL's server (or the local one on 127.0.0.1:5432). */
export async function createBenchDb(): Promise<BenchDb> {
  // Bench entry point: like the test harness, it reads the server from the environment directly.
  const adminUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `distillery_bench_api_${process.pid}`;
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  await applyMigrations(url, MIGRATIONS_DIR);
  await installJobQueue(url);
  const db = createDatabase(url, { max: 10 });
  const user = await db.prisma.user.create({ data: { email: 'bench@distillery.local', name: 'bench' } });
  const project = await db.prisma.project.create({ data: { slug: 'bench', name: 'Bench' } });
  await db.prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: 'ADMIN' } });
  const token = generateSecret(TOKEN_PREFIX.api);
  await db.prisma.apiToken.create({
    data: { userId: user.id, name: 'bench', prefix: token.slice(0, 8), tokenHash: hashSecret(token) },
  });
  return {
    url,
    db,
    projectId: project.id,
    userId: user.id,
    token,
    async drop() {
      await db.close();
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The API as its own process (as in production), so client load does not share its event loop. */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Start `apps/api/src/main.ts` on a free port against `databaseUrl` and wait for its ready line. */
export async function startApiProcess(
  databaseUrl: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'apps', 'api', 'src', 'main.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        API_PORT: String(port),
        API_HOST: '127.0.0.1',
        API_DB_POOL: '24',
        NODE_ENV: 'production',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`api exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready at')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    rssMb() {
      // tsx runs the API as a grandchild; take the largest RSS in the process tree.
      return Math.max(...[child.pid!, ...childrenOf(child.pid!)].map(rssOf)) / 1024;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function childrenOf(pid: number): number[] {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    return kids.flatMap((k: number) => [k, ...childrenOf(k)]);
  } catch {
    return [];
  }
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** POST one GraphQL operation with the bench token. */
export async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors[0]!.message);
  return body.data as T;
}

/** POST a prepared body. */
export async function postRaw(url: string, token: string, body: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json()) as { errors?: { message: string }[] };
  if (json.errors?.length) throw new Error(json.errors[0]!.message);
}

/** Percentile of a sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** Round to 2 decimals for the JSON lines. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;

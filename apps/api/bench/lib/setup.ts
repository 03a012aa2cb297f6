import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { DistilleryClient } from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';
import { createDatabase, withDatabase, type Database } from '@distillery/db';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import { createUser, startApiProcess, type ApiProcess } from '@distillery/testing';
import pg from 'pg';

export type { ApiProcess } from '@distillery/testing';

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
  const project = await db.prisma.project.create({ data: { slug: 'bench', name: 'Bench' } });
  const user = await createUser({ db }, project.id, 'ADMIN', 'bench');
  return {
    url,
    db,
    projectId: project.id,
    userId: user.userId,
    token: user.token,
    async drop() {
      await db.close();
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Start `apps/api/src/main.ts` as its own process (production mode, a larger pool) against `databaseUrl`. */
export function startBenchApi(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<ApiProcess> {
  return startApiProcess(join(ROOT, 'apps', 'api', 'src', 'main.ts'), databaseUrl, {
    cwd: ROOT,
    env: { API_DB_POOL: '24', NODE_ENV: 'production', ...extraEnv },
  });
}

/** The bench user's client: no silent retries, so a failure shows up instead of a slow sample. */
export function benchClient(url: string, bench: BenchDb): DistilleryClient {
  return createNodeClient({ url, token: bench.token, retry: { attempts: 1 } });
}

/** Percentile of a sample (nearest rank). */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** Round to 2 decimals for the JSON lines. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;

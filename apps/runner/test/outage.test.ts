// A database outage of more than a minute, with a real PostgreSQL this test owns (embedded, on its own
// port and folder: never the shared server), a real runner process training a teacher and a real API
// process. Nothing crashes, the run is not failed for the transient cause, the API answers a typed
// UNAVAILABLE (HTTP 503) meanwhile, and everything recovers by itself.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDatabase, type Database } from '@distillery/db';
import { type EmbeddedServer, freePort, startEmbeddedPostgres } from '@distillery/db/embedded';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import { seedDemo } from '@distillery/db/seed';
import { gql, gqlData } from '@distillery/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { startApi, type ApiProcess } from './api-process.ts';
import { createMnistProject, createTeacherRun, tempArtifacts, waitFor, waitForEnd } from './fixtures.ts';
import { spawnRunner, type RunnerProcess } from './runner-process.ts';

const OUTAGE_MS = 65_000;
const parent = mkdtempSync(join(tmpdir(), 'distillery-outage-'));
chmodSync(parent, 0o755);
const dataDir = join(parent, 'pg');
let server: EmbeddedServer | null = null;
let db: Database | null = null;
let api: ApiProcess | null = null;
let runner: RunnerProcess | null = null;

afterAll(async () => {
  await runner?.stop();
  await api?.stop();
  await db?.close();
  await server?.stop();
});

/** One operation, tried once: the HTTP status and the first error's code. */
async function post(query: string, token?: string): Promise<{ status: number; code?: string }> {
  const res = await gql(api!.url, query, {}, token);
  return { status: res.status, code: res.errors?.[0]?.extensions?.code };
}

const probe = async (path: string) =>
  (await fetch(api!.url.replace('/graphql', path), { signal: AbortSignal.timeout(10_000) })).status;

describe('a database outage of more than a minute', () => {
  it('is ridden out by the runner and the API', async () => {
    const port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
    await applyMigrations(server.url, MIGRATIONS_DIR);
    await installJobQueue(server.url);
    db = createDatabase(server.url, { max: 2, outageWaitMs: 5 * 60_000 });
    await seedDemo(db.prisma);
    const p = await createMnistProject(db.prisma);
    const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 2048, epochs: 4, name: 'outage' });

    api = await startApi(server.url);
    // One sign-in (sign-ins are throttled); then `me` with the session, which needs the database.
    const { signIn } = await gqlData<{ signIn: { token: string } }>(
      api.url,
      'mutation { signIn(email: "demo@distillery.local", password: "distillery") { token } }',
    );
    const token = signIn.token;
    const me = () => post('{ me { id } }', token);
    expect(await me()).toEqual({ status: 200, code: undefined });
    runner = spawnRunner('outage', { DATABASE_URL: server.url, ARTIFACT_STORE: tempArtifacts().root });
    await runner.ready;
    await waitFor(
      'the first epoch checkpoint',
      async () =>
        (await db!.prisma.checkpoint.count({ where: { runId, kind: 'EPOCH' } })) > 0 ? true : undefined,
      120_000,
      100,
    );

    await server.stop();
    const down = Date.now();
    // Meanwhile: a typed, retryable answer; alive but not ready.
    await waitFor(
      'UNAVAILABLE from the API',
      async () => ((await me()).code === 'UNAVAILABLE' ? true : undefined),
      20_000,
      200,
    );
    expect(await me()).toEqual({ status: 503, code: 'UNAVAILABLE' });
    expect(await probe('/healthz')).toBe(200);
    expect(await probe('/readyz')).toBe(503);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    expect(runner.child.exitCode, runner.output().slice(-3000)).toBe(null);
    expect(api.child.exitCode, api.output().slice(-3000)).toBe(null);

    server = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
    await waitFor(
      'the API to recover',
      async () => ((await me()).status === 200 ? true : undefined),
      60_000,
      500,
    );
    await waitFor(
      'the API to be ready (LISTEN reconnected)',
      async () => ((await probe('/readyz')) === 200 ? true : undefined),
      30_000,
      500,
    );

    const end = await waitForEnd(db.prisma, runId, 300_000);
    expect(end, runner.output().slice(-3000)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const events = await db.prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).not.toContain('FAILED');
    expect(runner.child.exitCode).toBe(null);
    expect(api.child.exitCode).toBe(null);
    for (const out of [runner.output(), api.output()])
      expect(out).not.toMatch(/unhandled|UnhandledPromiseRejection/i);
    // Every step of the run logged once, outage or not.
    const loss = await db.prisma.metricPoint.findMany({
      where: { runId, key: 'loss' },
      select: { step: true },
    });
    expect(loss.length).toBe(4 * (2048 / 128));
  }, 600_000);
});

// Runner processes for drills: the real entry point (`src/main.ts`) started as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import type { PrismaClient } from '@distillery/db';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import { tempArtifacts } from './fixtures.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'runner', 'src', 'main.ts');

/** A runner child process and everything it printed. */
export interface RunnerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the runner printed its ready line. */
  ready: Promise<void>;
  /** SIGTERM and wait for exit (no-op if already gone). */
  stop: () => Promise<void>;
}

/** Start `apps/runner/src/main.ts` with short heartbeat/stale settings suited to a drill. */
export function spawnRunner(name: string, env: Record<string, string>): RunnerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      RUNNER_ID: name,
      RUNNER_HEARTBEAT_MS: '500',
      RUNNER_STALE_MS: '3000',
      RUNNER_REAP_INTERVAL_MS: '1000',
      RUNNER_POLL_MS: '200',
      // Points are written within 100 ms: with the default 1 s flush an epoch of about a second has
      // none in the database before its checkpoint, and a drill waiting for mid-epoch progress before
      // it kills never sees it (CI timed out so).
      RUNNER_METRIC_FLUSH_MS: '100',
      RUNNER_GPU_ALLOW_CPU: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (): void => {
      if (/ready/.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`runner ${name} exited with ${code}: ${out}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    output: () => out,
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** A test file's database and the runner processes it spawns (stopped after each test). */
export interface RunnerSuite {
  db: TestDatabase;
  /** DATABASE_URL and a fresh ARTIFACT_STORE, for every runner of the file. */
  env: Record<string, string>;
  /** Spawn a runner with the suite's env plus `extra`. */
  spawn(name: string, extra?: Record<string, string>): RunnerProcess;
}

/** Register the hooks of a file that drills real runner processes on its own database (`base`: env of all its runners). */
export function runnerSuite(base: Record<string, string> = {}): RunnerSuite {
  const runners: RunnerProcess[] = [];
  const suite = {
    spawn(name: string, extra: Record<string, string> = {}) {
      const r = spawnRunner(name, { ...suite.env, ...extra });
      runners.push(r);
      return r;
    },
  } as RunnerSuite;
  beforeAll(async () => {
    suite.db = await createTestDatabase();
    suite.env = { DATABASE_URL: suite.db.url, ARTIFACT_STORE: tempArtifacts().root, ...base };
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(() => suite.db?.drop());
  return suite;
}

/** The history of a run interrupted once: first attempt lost, second attempt resumed and finished. */
export async function expectOneInterruption(
  prisma: PrismaClient,
  runId: string,
): Promise<{ message: string }[]> {
  const events = await prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
  expect(events.map((e) => `${e.type}:${e.attempt}`)).toEqual([
    'QUEUED:0',
    'STARTED:1',
    'INTERRUPTED:1',
    'RESUMED:2',
    'SUCCEEDED:2',
  ]);
  return events;
}

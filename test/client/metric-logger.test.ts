// The batching logger against the real API, including an API that goes away mid-stream.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildServer } from '@distillery/api';
import {
  AppError,
  AppErrorCode,
  CreateRunDocument,
  isAppError,
  MetricLogger,
  MetricsAppendedDocument,
  type MetricPoint,
} from '@distillery/client';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
let user: TestUser;

beforeAll(async () => {
  api = await startTestApi(buildServer);
  user = await createTestUser(api, 'logger');
});
afterAll(async () => {
  await user?.client.close();
  await api?.close();
});

async function newRun(name: string): Promise<string> {
  const { createRun } = await user.client.request(CreateRunDocument, {
    input: { projectId: user.projectId, name },
  });
  return createRun.id;
}

async function storedPoints(runId: string) {
  return api.db.prisma.metricPoint.findMany({
    where: { runId },
    orderBy: [{ key: 'asc' }, { step: 'asc' }],
    select: { key: true, step: true, value: true },
  });
}

describe('MetricLogger', () => {
  it('flushes in the background and streams to subscribers', async () => {
    const runId = await newRun('live');
    const received: number[] = [];
    const sub = user.client.subscribe(MetricsAppendedDocument, { runId, keys: ['loss'] });
    const reading = (async () => {
      for await (const m of sub) {
        received.push(...m.metricsAppended.points.map((p) => p.step));
        if (received.length >= 3) break;
      }
    })();
    // Give the subscription a moment to register before logging.
    await new Promise((r) => setTimeout(r, 300));
    const logger = user.client.metricLogger(runId, { flushIntervalMs: 200 });
    for (let step = 0; step < 3; step++) await logger.log({ loss: 1 / (step + 1), accuracy: step / 3 }, step);
    // No flush call: the background timer sends the points.
    await reading;
    expect(received.sort()).toEqual([0, 1, 2]);
    await logger.close();
    expect(logger.stats()).toMatchObject({ logged: 6, acknowledged: 6, buffered: 0 });
  });

  it('loses no point while the API is stopped and restarted mid-stream', async () => {
    const runId = await newRun('killed');
    const retries: string[] = [];
    const logger = user.client.metricLogger(runId, {
      flushIntervalMs: 100,
      batchSize: 500,
      retry: { baseDelayMs: 50, maxDelayMs: 300 },
      onRetry: (e) => retries.push(e.code),
    });
    const steps = 600;
    let restarted: Promise<void> | undefined;
    for (let step = 0; step < steps; step++) {
      await logger.log({ loss: Math.exp(-step / 100), acc: step / steps }, step);
      if (step === 200) await api.stop();
      if (step === 400) restarted = new Promise((r) => setTimeout(r, 300)).then(() => api.start());
      if (step % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await restarted;
    await logger.close();
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((c) => c === 'NETWORK')).toBe(true);
    const points = await storedPoints(runId);
    expect(points).toHaveLength(2 * steps);
    const loss = points.filter((p) => p.key === 'loss');
    expect(loss.map((p) => p.step)).toEqual(Array.from({ length: steps }, (_, i) => i));
    expect(loss[500]!.value).toBeCloseTo(Math.exp(-5), 12);
  });

  it('keeps memory bounded: log waits while the buffer is full and resumes when the API is back', async () => {
    const runId = await newRun('bounded');
    const logger = user.client.metricLogger(runId, {
      flushIntervalMs: 50,
      batchSize: 10,
      maxBuffered: 20,
      retry: { baseDelayMs: 50, maxDelayMs: 200 },
    });
    await api.stop();
    let waited = false;
    for (let step = 0; step < 20; step++) await logger.log({ x: step }, step);
    const blocked = logger.log({ x: 20 }, 20).then(() => (waited = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(waited).toBe(false);
    expect(logger.stats().buffered).toBe(21);
    await api.start();
    await blocked;
    await logger.close();
    expect((await storedPoints(runId)).map((p) => p.value)).toEqual(Array.from({ length: 21 }, (_, i) => i));
  });

  it('rejects bad points at once and reports a batch the API refuses for good', async () => {
    const runId = await newRun('bad');
    const logger = user.client.metricLogger(runId, { flushOnExit: false });
    expect(() => logger.log({ loss: Number.NaN }, 1)).toThrow(/finite/);
    expect(() => logger.log({ loss: 1 }, -1)).toThrow(/step/);
    const gone = user.client.metricLogger('00000000-0000-4000-8000-000000000000', { flushOnExit: false });
    await gone.log({ loss: 1 }, 1);
    const err = await gone.flush().catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('NOT_FOUND');
    await expect(gone.close()).rejects.toThrow(/not found/);
    await logger.close();
  });

  it('flushes on exit: a script that never calls flush or close loses nothing', async () => {
    const runId = await newRun('exit');
    const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    // Inside node_modules (ignored by git) so that `@distillery/client` resolves from the workspace.
    const dir = join(root, 'node_modules', '.cache', 'distillery-client-test');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `exit-${process.pid}.mts`);
    writeFileSync(
      file,
      `import { createNodeClient } from '@distillery/client/node';
const client = createNodeClient({ url: process.env.API_URL!, token: process.env.TOKEN! });
const logger = client.metricLogger(process.env.RUN_ID!, { flushIntervalMs: 1000 });
for (let step = 0; step < 250; step++) await logger.log({ loss: 1 / (step + 1) }, step);
console.log('logged', logger.stats().acknowledged < 250 ? 'with points pending' : 'all sent');
`,
    );
    try {
      const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve, reject) => {
          const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [file], {
            env: { ...process.env, API_URL: api.url, TOKEN: user.token, RUN_ID: runId },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('error', reject);
          child.on('close', (code) => resolve({ code, stdout, stderr }));
        },
      );
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      // The script ended with points still buffered (the 1 s timer had not fired), and yet all arrived.
      expect(out.stdout).toBe('logged with points pending\n');
    } finally {
      rmSync(file, { force: true });
    }
    expect((await storedPoints(runId)).map((p) => p.step)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });

  it('takes points as a training loop has them and stops for good on a final refusal (a fenced attempt)', async () => {
    const runId = await newRun('points');
    const logger = user.client.metricLogger(runId, { flushIntervalMs: 50, flushOnExit: false });
    const t0 = Date.UTC(2026, 0, 1);
    await logger.logPoints([
      { key: 'loss', step: 0, value: 2, wallTime: t0 },
      { key: 'loss', step: 1, value: 1, wallTime: new Date(t0 + 1000) },
    ]);
    expect(() => logger.logPoints([{ key: 'loss', step: 2, value: 1, wallTime: 'not a date' }])).toThrow(
      /wallTime/,
    );
    await logger.close();
    const stored = await api.db.prisma.metricPoint.findMany({ where: { runId }, orderBy: { step: 'asc' } });
    expect(stored.map((p) => [p.step, p.value, p.wallTime.getTime()])).toEqual([
      [0, 2, t0],
      [1, 1, t0 + 1000],
    ]);
    // A sink that refuses with a non-transient code (what a fenced runner gets) is not retried.
    const sent: MetricPoint[][] = [];
    const fenced = new MetricLogger(
      async (batch) => {
        sent.push(batch);
        throw new AppError(AppErrorCode.CONFLICT, 'attempt 1 no longer holds the run');
      },
      { flushIntervalMs: 10, flushOnExit: false },
    );
    await fenced.log({ loss: 1 }, 0);
    await expect(fenced.flush()).rejects.toThrow(/no longer holds/);
    expect(sent).toHaveLength(1);
    await expect(fenced.log({ loss: 1 }, 1)).rejects.toThrow(/no longer holds/);
  });

  it('discard drops what was not acknowledged and sends nothing more', async () => {
    const sent: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const logger = new MetricLogger(
      async (batch) => {
        sent.push(batch.map((p) => p.step));
        await gate;
      },
      { flushIntervalMs: 1000, batchSize: 1, flushOnExit: false },
    );
    await logger.log({ loss: 1 }, 0); // a full batch: in flight at once
    await logger.log({ loss: 1 }, 1); // waits behind it
    const pending = logger.flush();
    logger.discard(new AppError(AppErrorCode.CONFLICT, 'lease lost'));
    await expect(pending).rejects.toThrow(/lease lost/);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([[0]]);
    expect(logger.stats()).toMatchObject({ logged: 2, buffered: 0 });
    expect(logger.isClosed).toBe(true);
  });
});

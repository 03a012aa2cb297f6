// Warm job threads serve job after job (threads/job-thread-handle.ts). What one job leaves must not
// reach the next: the same seeded teacher trained in a fresh thread and again in a thread that has run
// other jobs stores the same bytes; a cancelled job's thread is retired and a new one boots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import type { RunningRunner } from '../src/runner.ts';
import {
  createMnistProject,
  createTeacherRun,
  startTestRunner,
  waitFor,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';

let db: TestDatabase;
let p: MnistProject;
let runner: RunningRunner;

beforeAll(async () => {
  db = await createTestDatabase();
  p = await createMnistProject(db.prisma);
  runner = await startTestRunner(db.url, { heartbeatMs: 500, pollIntervalMs: 100 });
  await runner.threadsWarm();
});
afterAll(async () => {
  await runner?.stop();
  await db?.drop();
});

/** The runner's job-thread counters (its Prometheus counter, by event). */
async function threadEvents(): Promise<Record<'booted' | 'reused' | 'retired', number>> {
  const { values } = await runner.metrics.jobThreadEvents.get();
  const n = (event: string) => values.find((v) => v.labels.event === event)?.value ?? 0;
  return { booted: n('booted'), reused: n('reused'), retired: n('retired') };
}

/** A teacher run to its end; its final test-set probabilities. */
async function teacherProbs(seed: number, name: string): Promise<Buffer> {
  const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 512, epochs: 2, seed, name });
  expect(await waitForEnd(db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
  const row = await db.prisma.prediction.findFirstOrThrow({
    where: { runId, splitRole: 'TEST', checkpoint: { kind: 'FINAL' } },
  });
  return Buffer.from(row.probs);
}

describe('warm job threads', () => {
  it('serve several jobs in one thread, and a job trains the same there as in a fresh thread', async () => {
    const before = await threadEvents();
    const first = await teacherProbs(21, 'fresh thread');
    await teacherProbs(22, 'another seed in between');
    const again = await teacherProbs(21, 'reused thread');
    const after = await threadEvents();
    expect(after.booted - before.booted).toBe(0);
    expect(after.reused - before.reused).toBe(2);
    expect(after.retired - before.retired).toBe(0);
    expect(again.equals(first)).toBe(true);
    // The runner's Prometheus counters say the same (this runner booted one thread at start).
    const scraped = await runner.metrics.registry.metrics();
    expect(scraped).toContain('distillery_runner_job_thread_events_total{event="booted"} 1');
    expect(scraped).toContain('distillery_runner_job_thread_events_total{event="reused"} 2');
  }, 180_000);

  it('retire the thread of a cancelled job; the next job gets a new one', async () => {
    const before = await threadEvents();
    const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 2048, epochs: 200, name: 'long' });
    await waitFor('metrics of the long run', async () =>
      (await db.prisma.metricPoint.count({ where: { runId, key: 'loss' } })) > 3 ? true : undefined,
    );
    await db.prisma.run.update({ where: { id: runId }, data: { status: 'CANCELLED' } });
    await waitFor(
      'the run to stop',
      async () => (await db.prisma.runEvent.findFirst({ where: { runId, type: 'STOPPED' } })) ?? undefined,
    );
    await waitFor('the thread to be retired', async () =>
      (await threadEvents()).retired > before.retired ? true : undefined,
    );
    const next = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, name: 'after' });
    expect((await waitForEnd(db.prisma, next.runId)).status).toBe('SUCCEEDED');
    const after = await threadEvents();
    expect(after.retired - before.retired).toBe(1);
    expect(after.booted - before.booted).toBe(1);
  }, 180_000);
});

// The pool's decision after each job (threads/job-thread-handle.ts), driven through real threads with
// a test handler: a thread whose job ended well serves the next, one whose job failed with an
// internal error is retired with that reason and a new thread boots in its place.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import { claimAudited } from '../src/execution/audited-lifecycle.ts';
import { MetricBatcher } from '../src/metrics/batcher.ts';
import { LogBatcher, SqlLogSink } from '../src/metrics/log-sink.ts';
import { SqlMetricSink } from '../src/metrics/sql-sink.ts';
import { collectHostFacts } from '../src/system/host-facts.ts';
import {
  disposeWarmThreads,
  jobThreadPool,
  jobThreadsWarm,
  startJobThread,
  warmJobThreads,
  type ThreadEvent,
} from '../src/threads/job-thread-handle.ts';
import {
  createMnistProject,
  createTeacherRun,
  tempArtifacts,
  waitFor,
  type MnistProject,
} from './fixtures.ts';

const HANDLER = new URL('./handlers/payload-outcome.ts', import.meta.url).href;
const MEMORY_MB = 1024;
let db: TestDatabase;
let p: MnistProject;
const events: ThreadEvent[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  p = await createMnistProject(db.prisma);
  warmJobThreads(1, MEMORY_MB, 'cpu', [HANDLER], (e) => events.push(e));
  await jobThreadsWarm();
});
afterAll(async () => {
  await disposeWarmThreads();
  await db?.drop();
});

/** Claim a fresh run and run the test handler on it in a pool thread; its outcome. */
async function runInThread(payload: { fail?: string }) {
  const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 64, epochs: 1 });
  const claim = await claimAudited(db.prisma, { runId, runnerId: 'thread-retire-test' });
  if (!claim.claimed) throw new Error(`run ${runId} not claimed: ${claim.reason}`);
  const { lease } = claim;
  const thread = startJobThread(
    {
      kind: 'train-teacher',
      handlerUrl: HANDLER,
      payload,
      lease,
      resume: null,
      databaseUrl: db.url,
      outageWaitMs: 0,
      artifacts: tempArtifacts(),
      engine: { engine: 'tfjs', nativeCpu: 'auto', backend: 'cpu' },
      host: await collectHostFacts(),
      datasetRoots: [],
      datasetCacheDir: mkdtempSync(join(tmpdir(), 'thread-retire-')),
    },
    new MetricBatcher(new SqlMetricSink(db.prisma), lease),
    new LogBatcher(new SqlLogSink(db.prisma), lease),
    MEMORY_MB,
  );
  return thread.outcome;
}

describe('the job thread pool', () => {
  it('reuses a thread after a job that ended well, retires one after an internal failure', async () => {
    expect(await runInThread({})).toEqual({ type: 'done', result: { summary: { ok: 1 } } });
    await waitFor('the thread back in the pool', async () => (jobThreadPool().idle === 1 ? true : undefined));
    expect(await runInThread({ fail: 'boom' })).toEqual({ type: 'failed', code: 'INTERNAL', reason: 'boom' });
    await waitFor('a replacement thread', async () => (events.length >= 4 ? true : undefined));
    expect(events).toEqual([
      { event: 'booted' },
      { event: 'reused' },
      { event: 'retired', reason: 'its job failed with an internal error' },
      { event: 'booted' },
    ]);
    // The replacement serves the next job.
    expect(await runInThread({})).toMatchObject({ type: 'done' });
  }, 120_000);
});

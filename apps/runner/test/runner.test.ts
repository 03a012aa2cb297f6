// A runner in this process against a real database: graphile-worker hands it jobs, each job trains in
// its own worker thread with the real ML core on real MNIST samples.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { chainHash } from '@distillery/db/audit';
import { bytesToIndices } from '@distillery/domain';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { buildModel, initBackend } from '@distillery/ml';

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
const logs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  p = await createMnistProject(db.prisma);
  runner = await startTestRunner(db.url, {
    heartbeatMs: 500,
    systemMetricsMs: 500,
    log: (l) => logs.push(l),
  });
});
afterAll(async () => {
  await runner?.stop();
  await db?.drop();
});

describe('a teacher job', () => {
  it('trains, streams metrics, checkpoints every epoch, stores predictions and the summary', async () => {
    const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 512, epochs: 2 });
    expect(await waitForEnd(db.prisma, runId)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    const run = await db.prisma.run.findUniqueOrThrow({
      where: { id: runId },
      include: {
        checkpoints: {
          include: { artifact: true, predictions: true },
          orderBy: [{ kind: 'asc' }, { epoch: 'asc' }],
        },
        events: { orderBy: { id: 'asc' } },
      },
    });
    expect(run.events.map((e) => e.type)).toEqual(['QUEUED', 'STARTED', 'SUCCEEDED']);
    await initBackend({ backend: 'cpu' });
    expect(run.parameterCount).toBe(
      buildModel('test', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 }).stats.params,
    );
    const summary = run.summary as Record<string, number>;
    expect(summary.epochs).toBe(2);
    expect(summary.test_accuracy).toBeGreaterThan(0.5);
    expect(run.checkpoints.map((c) => `${c.kind}-${c.epoch}`)).toEqual(['EPOCH-1', 'EPOCH-2', 'FINAL-2']);
    for (const c of run.checkpoints) expect(existsSync(fileURLToPath(c.artifact!.uri))).toBe(true);
    const final = run.checkpoints.find((c) => c.kind === 'FINAL')!;
    expect(final.predictions.map((x) => [x.splitRole, x.samples]).sort()).toEqual([
      ['TEST', 10000],
      ['VAL', 300],
    ]);
    const testPrediction = final.predictions.find((x) => x.splitRole === 'TEST')!;
    expect(testPrediction.accuracy).toBeCloseTo(summary.test_accuracy!, 6);
    // Its confusion matrix (true × predicted) counts every test sample; the diagonal is the accuracy.
    const cm = testPrediction.confusion;
    expect(cm).toHaveLength(100);
    expect(cm.reduce((a, b) => a + b, 0)).toBe(10000);
    expect(Array.from({ length: 10 }, (_, i) => cm[i * 11]!).reduce((a, b) => a + b, 0) / 10000).toBeCloseTo(
      summary.test_accuracy!,
      6,
    );
    // The labels are stored beside the probabilities, in their order: MNIST's own test labels, whose
    // per-class counts are the confusion matrix's row sums (the API lists misclassified samples from them).
    const labels = bytesToIndices(new Uint8Array(testPrediction.labels!));
    expect(labels).toHaveLength(10000);
    expect(Array.from({ length: 10 }, (_, t) => labels.filter((l) => l === t).length)).toEqual(
      Array.from({ length: 10 }, (_, t) => cm.slice(t * 10, t * 10 + 10).reduce((a, b) => a + b, 0)),
    );
    expect(summary.test_macro_f1).toBeGreaterThan(0.3);
    expect(summary.test_macro_f1).toBeLessThanOrEqual(1);

    const keys = await db.prisma.metricPoint.groupBy({ by: ['key'], where: { runId }, _count: true });
    const count = Object.fromEntries(keys.map((k) => [k.key, k._count]));
    expect(count.loss).toBe(8); // 512 samples / batch 128 = 4 steps per epoch, logged every step
    expect(count.val_accuracy).toBe(2);
    expect(count.epoch).toBe(2);
    // System metrics ride along with the training metrics.
    expect(count['system/cpu_percent']).toBeGreaterThan(0);
    expect(count['system/memory_rss_mb']).toBeGreaterThan(0);

    // A runner on the database audits its claim and finish like a remote runner's API calls, on the
    // project's chain: each event links to the one before it.
    const chain = await db.prisma.auditEvent.findMany({
      where: { projectId: run.projectId },
      orderBy: { seq: 'asc' },
    });
    const mine = chain.filter((e) => e.targetId === runId);
    expect(mine.map((e) => [e.actorKind, e.actorId, e.operation, e.outcome])).toEqual([
      ['RUNNER', null, 'claimRun', 'SUCCESS'],
      ['RUNNER', null, 'reportRunStatus', 'SUCCESS'],
    ]);
    expect(mine[1]!.args).toMatchObject({ runId, attempt: 1, status: 'SUCCEEDED' });
    chain.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      const { projectId, seq, actorId, actorKind, operation, targetType, targetId, args, outcome } = e;
      const event = { projectId, seq, actorId, actorKind, operation, targetType, targetId, args, outcome };
      expect(e.hash).toBe(
        chainHash(e.prevHash, { ...event, errorCode: e.errorCode, at: e.at.toISOString() }),
      );
      if (i > 0) expect(e.prevHash).toBe(chain[i - 1]!.hash);
    });

    // The job's console log arrived through the lifecycle: numbered 1..n, the runner's opening and
    // closing lines around the job's own (its plan, one line per epoch, the final scores).
    const lines = await db.prisma.runLogLine.findMany({ where: { runId }, orderBy: { seq: 'asc' } });
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(lines.map((l) => l.attempt))).toEqual(new Set([run.attempt]));
    const text = lines.map((l) => l.message);
    expect(text[0]).toMatch(/^started train-teacher \(attempt 1\) on runner /);
    expect(
      text.some((t) => /^training test \([\d,]+ parameters\) for 2 epochs × 4 steps on 512 train/.test(t)),
    ).toBe(true);
    expect(text.filter((t) => /^epoch \d: loss \d\.\d{4}, accuracy [\d.]+ %, val_loss/.test(t))).toHaveLength(
      2,
    );
    expect(text.some((t) => t.startsWith('final test: accuracy '))).toBe(true);
    expect(text.at(-1)).toBe('finished');
    expect(await db.prisma.runLog.findUniqueOrThrow({ where: { runId } })).toMatchObject({
      lines: lines.length,
      dropped: 0,
    });
  }, 180_000);
});

describe('cancelRun', () => {
  it('stops a running job within 5 s, keeps what it logged, and the runner keeps serving', async () => {
    const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 2048, epochs: 200, name: 'long' });
    await waitFor('metrics of the long run', async () =>
      (await db.prisma.metricPoint.count({ where: { runId, key: 'loss' } })) > 3 ? true : undefined,
    );
    const cancelledAt = Date.now();
    await db.prisma.run.update({ where: { id: runId }, data: { status: 'CANCELLED' } });
    await waitFor(
      'the runner to stop the run',
      async () => {
        const e = await db.prisma.runEvent.findFirst({ where: { runId, type: 'STOPPED' } });
        return e ?? undefined;
      },
      5000,
      100,
    );
    const stoppedMs = Date.now() - cancelledAt;
    const logged = await db.prisma.metricPoint.count({ where: { runId } });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await db.prisma.metricPoint.count({ where: { runId } })).toBe(logged);
    expect(logged).toBeGreaterThan(3);
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('CANCELLED');
    expect(run.finishedAt).not.toBeNull();
    expect(stoppedMs).toBeLessThan(5000);

    const next = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, name: 'after-cancel' });
    expect((await waitForEnd(db.prisma, next.runId)).status).toBe('SUCCEEDED');
  }, 180_000);
});

describe('jobs that cannot succeed', () => {
  it('fail with a clear reason (bad payload, missing dataset) while the runner keeps serving', async () => {
    const bad = await createTeacherRun(db.prisma, p, {
      subsetSize: 256,
      epochs: 1,
      name: 'bad-payload',
      corruptPayload: true,
    });
    const cifar = await createMnistProject(db.prisma, 100);
    await db.prisma.dataset.update({
      where: { id: cifar.datasetId },
      data: { name: 'cifar', preset: 'cifar10', source: 'PRESET' },
    });
    const missing = await createTeacherRun(db.prisma, cifar, {
      subsetSize: 256,
      epochs: 1,
      name: 'missing-dataset',
    });
    const good = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, name: 'good' });

    const badEnd = await waitForEnd(db.prisma, bad.runId);
    expect(badEnd.status).toBe('FAILED');
    expect(badEnd.failureReason).toMatch(/invalid train-teacher payload: seed: /);
    const missingEnd = await waitForEnd(db.prisma, missing.runId);
    expect(missingEnd.status).toBe('FAILED');
    expect(missingEnd.failureReason).toMatch(/^CONFIG: cifar10: no offline copy exists/);
    expect((await waitForEnd(db.prisma, good.runId)).status).toBe('SUCCEEDED');
  }, 180_000);

  it('fail with "out of memory" when a job outgrows its heap limit, without taking the runner down', async () => {
    const small = await startTestRunner(db.url, { queues: ['gpu'], jobMemoryMb: 8 });
    try {
      await runner.stop();
      const { runId } = await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, name: 'oom' });
      const end = await waitForEnd(db.prisma, runId);
      expect(end.status).toBe('FAILED');
      expect(end.failureReason).toMatch(/out of memory: the job exceeded its 8 MB heap limit/);
    } finally {
      await small.stop();
      runner = await startTestRunner(db.url);
    }
  }, 180_000);
});

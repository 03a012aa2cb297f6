// Entry of a job's worker thread (loaded by boot.mjs). `runJob` builds the JobContext, runs the handler, and reports the outcome to the main thread; the
// main thread owns the lease and the queue.
import { parentPort } from 'node:worker_threads';

import { createDatabase, isDatabaseUnavailable } from '@distillery/db';
import { AppErrorCode, isAppError } from '@distillery/errors';

import { openArtifactStore } from '@distillery/artifacts';
import type { CheckpointInput, JobContext, JobHandler } from '../jobs/context.ts';
import { checkMetricPoint, withLease } from '@distillery/db/lifecycle';
import type { MetricPoint } from '../metrics/types.ts';
import { captureConsole } from './console-capture.ts';
import type { MainMessage, ThreadMessage, ThreadStart } from './protocol.ts';

/** Run one job in this thread (called once by boot.mjs with the job's start message). */
export async function runJob(start: ThreadStart): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('job-thread must run in a worker thread');

  const send = (m: ThreadMessage): void => port.postMessage(m);
  const db = createDatabase(start.databaseUrl, { max: 2, outageWaitMs: start.outageWaitMs });
  const artifacts = openArtifactStore(start.artifacts);
  const abort = new AbortController();
  const flushes = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextFlush = 0;
  let buffer: MetricPoint[] = [];
  let bufferTimer: NodeJS.Timeout | null = null;
  let lastSend = Date.now();
  const capture = captureConsole((lines) => send({ type: 'logs', lines }));

  port.on('message', (m: MainMessage) => {
    if (m.type === 'cancel') abort.abort(new Error('run cancelled'));
    else if (m.type === 'flushed') {
      const waiter = flushes.get(m.id);
      flushes.delete(m.id);
      if (m.error) waiter?.reject(new Error(m.error));
      else waiter?.resolve();
    }
  });

  // Points cross to the main thread in small bundles so a per-batch log call costs a push, not a message.
  function sendBuffer(): void {
    if (bufferTimer) clearTimeout(bufferTimer);
    bufferTimer = null;
    lastSend = Date.now();
    if (buffer.length === 0) return;
    send({ type: 'metrics', points: buffer });
    buffer = [];
  }

  function flush(): Promise<void> {
    sendBuffer();
    capture.sendBuffer();
    const id = nextFlush++;
    return new Promise((resolve, reject) => {
      flushes.set(id, { resolve, reject });
      send({ type: 'flush', id });
    });
  }

  async function saveCheckpoint(
    input: CheckpointInput,
  ): Promise<{ checkpointId: string; artifactId: string; uri: string }> {
    await flush();
    const { lease } = start;
    const kind = input.kind ?? 'EPOCH';
    const stored = await artifacts.put(
      `${lease.projectId}/${lease.runId}/${kind.toLowerCase()}-${input.epoch}.bin`,
      input.bytes,
    );
    return withLease(db.prisma, lease, async (tx) => {
      const artifact = await tx.artifact.create({
        data: {
          projectId: lease.projectId,
          runId: lease.runId,
          kind: 'CHECKPOINT',
          name: `${kind.toLowerCase()}-${input.epoch}`,
          uri: stored.uri,
          sha256: stored.sha256,
          sizeBytes: BigInt(stored.sizeBytes),
        },
      });
      const fields = {
        step: input.step,
        metrics: input.metrics ?? {},
        artifactId: artifact.id,
        teacherId: input.teacherId ?? null,
        cycle: input.cycle ?? null,
      };
      const cp = await tx.checkpoint.upsert({
        where: { runId_kind_epoch: { runId: lease.runId, kind, epoch: input.epoch } },
        create: { runId: lease.runId, kind, epoch: input.epoch, ...fields },
        update: fields,
      });
      return { checkpointId: cp.id, artifactId: artifact.id, uri: stored.uri };
    });
  }

  const ctx: JobContext = {
    lease: start.lease,
    resume: start.resume,
    prisma: db.prisma,
    artifacts,
    engine: start.engine,
    host: start.host,
    datasetRoots: start.datasetRoots,
    datasetCacheDir: start.datasetCacheDir,
    signal: abort.signal,
    logger: capture.logger,
    log(key, step, value) {
      // The lifecycle's own check: a bad point (NaN, bad key or step) is refused here, where the handler
      // sees it, with the BAD_USER_INPUT the API would answer; nothing of it is sent.
      buffer.push(checkMetricPoint({ key, step, value }, key));
      // Synchronous training loops starve timers: hand points over by size or age on the log call itself.
      if (buffer.length >= 256 || Date.now() - lastSend > 250) sendBuffer();
      else bufferTimer ??= setTimeout(sendBuffer, 100);
    },
    flush,
    fenced: (fn) => withLease(db.prisma, start.lease, fn),
    saveCheckpoint,
  };

  try {
    const mod = (await import(start.handlerUrl)) as { handle: JobHandler<unknown> };
    const result = await mod.handle(ctx, start.payload);
    await flush();
    send({ type: 'done', result });
  } catch (e) {
    sendBuffer();
    capture.sendBuffer();
    // A database lost mid-write is transient: the main thread hands the run back instead of failing it.
    const code = isAppError(e) ? e.code : isDatabaseUnavailable(e) ? AppErrorCode.UNAVAILABLE : 'INTERNAL';
    const reason = e instanceof Error ? e.message : String(e);
    send({ type: 'failed', code, reason });
  } finally {
    capture.restore();
    await db.close();
  }
}

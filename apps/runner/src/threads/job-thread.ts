// Entry of a job's worker thread (loaded by boot.mjs). `serveJobs` runs the jobs the main thread sends,
// one at a time; `runJob` builds the JobContext, runs the handler, and reports the outcome. The main
// thread owns the lease and the queue.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';

import { createDatabase, isDatabaseUnavailable, type Database } from '@distillery/db';
import { AppErrorCode, isAppError } from '@distillery/errors';

import { openArtifactStore } from '@distillery/artifacts';
import { openTensorScope } from '@distillery/ml';
import type { CheckpointInput, JobContext, JobHandler } from '../jobs/context.ts';
import { checkMetricPoint, withLease } from '@distillery/db/lifecycle';
import type { MetricPoint } from '../metrics/types.ts';
import { captureConsole } from './console-capture.ts';
import type { MainMessage, ThreadMessage, ThreadStart } from './protocol.ts';

// The thread's database client, kept across its jobs: a new Prisma client compiles every query shape
// again and opens new connections (~40–150 ms of a job's set-up, measured); closed on 'close'.
let threadDb: { key: string; db: Database } | null = null;

function databaseFor(start: ThreadStart): Database {
  const key = `${start.databaseUrl}\u0000${start.outageWaitMs}`;
  if (threadDb?.key !== key) {
    void threadDb?.db.close();
    threadDb = { key, db: createDatabase(start.databaseUrl, { max: 2, outageWaitMs: start.outageWaitMs }) };
  }
  return threadDb.db;
}

// A thread whose heap is this full after a job (and its tensors were released) is not given another:
// what stays is either a leak or fragmentation the next job would inherit.
const HEAP_FIT_FRACTION = 0.5;

/**
 * Serve the jobs the main thread sends, one at a time. boot.mjs calls this once the thread is warm;
 * `first` is a start message that arrived during boot, `closing` a close that followed it. After each
 * job the thread releases the job's tensors and variables and reports whether it is fit for another
 * (job-thread-handle.ts decides). An error outside a job's own handling (no database client) crashes
 * the thread, which the main thread reports as the job's failure.
 */
export function serveJobs(first: ThreadStart | undefined, closing = false): void {
  const port = parentPort;
  if (!port) throw new Error('job-thread must run in a worker thread');
  let chain = Promise.resolve();
  const serve = (start: ThreadStart): void => {
    chain = chain.then(async () => {
      const scope = openTensorScope();
      const failedInternally = await runJob(start);
      const { leakedTensors } = scope.close();
      const heap = getHeapStatistics();
      const heapFull = heap.used_heap_size > HEAP_FIT_FRACTION * heap.heap_size_limit;
      const unfit = failedInternally
        ? 'its job failed with an internal error'
        : leakedTensors > 0
          ? `its job left ${leakedTensors} tensors`
          : heapFull
            ? `its heap holds ${Math.round(heap.used_heap_size / 2 ** 20)} MB after the job`
            : null;
      port.postMessage({ type: 'idle', unfit } satisfies ThreadMessage);
    });
  };
  // Retired: close the database client after the last job, then end the thread.
  const close = (): void => {
    chain = chain.then(async () => {
      await threadDb?.db.close();
      process.exit(0);
    });
  };
  port.on('message', (m: MainMessage) => {
    if (m.type === 'start') serve(m.start);
    else if (m.type === 'close') close();
  });
  if (first) serve(first);
  if (closing) close();
}

/** Run one job in this thread; true when it failed with an internal (untyped) error. */
export async function runJob(start: ThreadStart): Promise<boolean> {
  const port = parentPort;
  if (!port) throw new Error('job-thread must run in a worker thread');

  const send = (m: ThreadMessage): void => port.postMessage(m);
  const db = databaseFor(start);
  const artifacts = openArtifactStore(start.artifacts);
  const abort = new AbortController();
  const flushes = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let nextFlush = 0;
  let buffer: MetricPoint[] = [];
  let bufferTimer: NodeJS.Timeout | null = null;
  let lastSend = Date.now();
  const capture = captureConsole((lines) => send({ type: 'logs', lines }));

  const onMessage = (m: MainMessage): void => {
    if (m.type === 'cancel') abort.abort(new Error('run cancelled'));
    else if (m.type === 'flushed') {
      const waiter = flushes.get(m.id);
      flushes.delete(m.id);
      if (m.error) waiter?.reject(new Error(m.error));
      else waiter?.resolve();
    }
  };
  port.on('message', onMessage);

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
    return false;
  } catch (e) {
    sendBuffer();
    capture.sendBuffer();
    // A database lost mid-write is transient: the main thread hands the run back instead of failing it.
    const code = isAppError(e) ? e.code : isDatabaseUnavailable(e) ? AppErrorCode.UNAVAILABLE : 'INTERNAL';
    const reason = e instanceof Error ? e.message : String(e);
    send({ type: 'failed', code, reason });
    return code === 'INTERNAL';
  } finally {
    port.off('message', onMessage);
    if (bufferTimer) clearTimeout(bufferTimer);
    capture.restore();
  }
}

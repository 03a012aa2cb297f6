import { Worker } from 'node:worker_threads';

import type { BackendChoice } from '@distillery/ml';

import type { MetricBatcher } from '../metrics/batcher.ts';
import type { LogBatcher } from '../metrics/log-sink.ts';
import type { JobResult, MainMessage, ThreadMessage, ThreadStart } from './protocol.ts';

/** How a job thread ended. */
export type ThreadOutcome =
  | { type: 'done'; result: JobResult }
  | { type: 'failed'; code: string; reason: string }
  | { type: 'stopped' };

const BOOT = new URL('./boot.mjs', import.meta.url);
const ENTRY = new URL('./job-thread.ts', import.meta.url).href;

/** A running job thread: its outcome, and a way to stop it. */
export interface JobThread {
  outcome: Promise<ThreadOutcome>;
  /** Ask the handler to stop, then terminate the thread after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

function spawn(memoryMb: number): Worker {
  return new Worker(BOOT, {
    workerData: { entry: ENTRY, backend: threadBackend },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    stdout: false,
    stderr: false,
  });
}

// Warm threads: booting one (tsx loader, the ML core, the tfjs backend) takes seconds, so the runner
// keeps `target` booted, idle threads; a job takes one and a replacement boots in the background.
// A thread still runs exactly one job and is then terminated (no state leaks between jobs).
const spares: Worker[] = [];
let target = 0;
/** The runner's ML_BACKEND: a thread starts it while it waits for a job. */
let threadBackend: BackendChoice = 'auto';
let spareMemoryMb = 0;

function refill(): void {
  while (spares.length < target) {
    const w = spawn(spareMemoryMb);
    const drop = () => {
      const i = spares.indexOf(w);
      if (i >= 0) spares.splice(i, 1);
    };
    w.once('error', drop);
    w.once('exit', drop);
    spares.push(w);
  }
}

/** Keep `count` booted job threads ready (the runner's concurrency), `backend` started; 0 stops refilling. */
export function warmJobThreads(count: number, memoryMb: number, backend: BackendChoice = 'auto'): void {
  target = count;
  spareMemoryMb = memoryMb;
  threadBackend = backend;
  refill();
}

/** Terminate the idle warm threads (runner shutdown). */
export async function disposeWarmThreads(): Promise<void> {
  target = 0;
  await Promise.all(spares.splice(0).map((w) => w.terminate()));
}

function takeThread(memoryMb: number): Worker {
  const warm = memoryMb === spareMemoryMb ? spares.shift() : undefined;
  if (warm) {
    warm.removeAllListeners('error');
    warm.removeAllListeners('exit');
    setImmediate(refill);
    return warm;
  }
  return spawn(memoryMb);
}

/**
 * Start a job in its own worker thread. Metric messages go to `batcher`, console lines to `logs`; flush
 * requests are answered once both reached their sinks. A V8 heap above `memoryMb` ends the thread with "out of memory"
 * without touching the runner. The thread is terminated when the job ends.
 */
export function startJobThread(
  start: ThreadStart,
  batcher: MetricBatcher,
  logs: LogBatcher,
  memoryMb: number,
): JobThread {
  const worker = takeThread(memoryMb);
  let settled: ThreadOutcome | null = null;
  let stopping = false;
  const post = (m: MainMessage | { type: 'start'; start: ThreadStart }): void => worker.postMessage(m);
  const outcome = new Promise<ThreadOutcome>((resolve) => {
    const settle = (o: ThreadOutcome): void => {
      if (settled) return;
      settled = o;
      resolve(o);
      void worker.terminate();
    };
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'metrics') batcher.add(m.points);
      else if (m.type === 'logs') logs.add(m.lines);
      else if (m.type === 'flush') {
        Promise.all([batcher.flush(), logs.flush()]).then(
          () => post({ type: 'flushed', id: m.id }),
          (e: unknown) =>
            post({ type: 'flushed', id: m.id, error: e instanceof Error ? e.message : String(e) }),
        );
      } else settle(m);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle({
          type: 'failed',
          code: 'OUT_OF_MEMORY',
          reason: `out of memory: the job exceeded its ${memoryMb} MB heap limit`,
        });
      } else settle({ type: 'failed', code: 'INTERNAL', reason: `job thread crashed: ${e.message}` });
    });
    worker.on('exit', (code) => {
      settle(
        stopping
          ? { type: 'stopped' }
          : { type: 'failed', code: 'INTERNAL', reason: `job thread exited with code ${code}` },
      );
    });
  });
  post({ type: 'start', start });
  return {
    outcome,
    async stop(graceMs) {
      stopping = true;
      post({ type: 'cancel' });
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await outcome;
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}

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

/** Settles when the thread has booted (boot.mjs posts `warm`) or is gone. */
const warmed = new WeakMap<Worker, Promise<void>>();

function spawn(memoryMb: number): Worker {
  const w = new Worker(BOOT, {
    workerData: { entry: ENTRY, backend: threadBackend, handlers: threadHandlers },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    stdout: false,
    stderr: false,
  });
  warmed.set(
    w,
    new Promise<void>((resolve) => {
      const onMessage = (m: { type?: string }) => {
        if (m.type === 'warm') done();
      };
      const done = () => {
        w.off('message', onMessage);
        resolve();
      };
      w.on('message', onMessage);
      w.once('exit', done);
    }),
  );
  return w;
}

// Warm threads: booting one (tsx loader, the ML core, the tfjs backend) takes 1–3 s of CPU, so the
// runner keeps `target` booted threads and gives each several jobs, one at a time (as Celery's
// worker_max_tasks_per_child does for processes). A thread goes back to the pool only when its job ended
// by itself and the thread reports itself fit: the job's tensors and variables released, its heap under
// half its limit, no internal error. A stopped, crashed or unfit thread, or one that ran
// JOBS_PER_THREAD jobs, is terminated and a replacement boots.
const JOBS_PER_THREAD = 50;
const spares: Worker[] = [];
/** Threads running a job, and how many jobs each thread has been given. */
const busy = new Set<Worker>();
const jobsRun = new WeakMap<Worker, number>();
let target = 0;
/** The runner's ML_BACKEND: a thread starts it while it waits for a job. */
let threadBackend: BackendChoice = 'auto';
let spareMemoryMb = 0;
/** Handler modules a thread imports while it boots. */
let threadHandlers: string[] = [];

/** What happened to a job thread; `reason` says why a thread was retired. */
export type ThreadEvent = { event: 'booted' | 'reused' } | { event: 'retired'; reason: string };
/** The runner's listener (its metrics and log). */
let onEvent: (e: ThreadEvent) => void = () => undefined;

/** Threads waiting for a job, and threads running one. */
export function jobThreadPool(): { idle: number; busy: number } {
  return { idle: spares.length, busy: busy.size };
}

function dropOnExit(w: Worker): void {
  const drop = () => {
    const i = spares.indexOf(w);
    if (i >= 0) spares.splice(i, 1);
  };
  w.once('error', drop);
  w.once('exit', drop);
}

function refill(): void {
  while (spares.length + busy.size < target) {
    const w = spawn(spareMemoryMb);
    onEvent({ event: 'booted' });
    dropOnExit(w);
    spares.push(w);
  }
}

/**
 * Keep `threads` job threads (the runner's concurrency), `backend` started and `handlers` (file URLs)
 * imported; 0 stops refilling. `events` hears of boots, reuses and retirements (metrics, logs).
 */
export function warmJobThreads(
  threads: number,
  memoryMb: number,
  backend: BackendChoice = 'auto',
  handlers: string[] = [],
  events: (e: ThreadEvent) => void = () => undefined,
): void {
  target = threads;
  onEvent = events;
  threadHandlers = handlers;
  spareMemoryMb = memoryMb;
  threadBackend = backend;
  refill();
}

/** Settles once every idle thread has booted (benchmarks time jobs from a warm runner). */
export async function jobThreadsWarm(): Promise<void> {
  await Promise.all(spares.map((w) => warmed.get(w)));
}

/** Terminate the idle warm threads (runner shutdown). */
export async function disposeWarmThreads(): Promise<void> {
  target = 0;
  await Promise.all(
    spares.splice(0).map((w) => {
      w.removeAllListeners('error');
      w.removeAllListeners('exit');
      return retire(w);
    }),
  );
}

function takeThread(memoryMb: number): Worker {
  const warm = memoryMb === spareMemoryMb ? spares.shift() : undefined;
  const w = warm ?? spawn(memoryMb);
  if (warm) {
    warm.removeAllListeners('error');
    warm.removeAllListeners('exit');
    if (jobsRun.get(warm)) onEvent({ event: 'reused' });
  } else onEvent({ event: 'booted' });
  busy.add(w);
  jobsRun.set(w, (jobsRun.get(w) ?? 0) + 1);
  return w;
}

/** After a job: back to the pool when fit and wanted, else terminated (and replaced). */
async function release(w: Worker, memoryMb: number, unfit: string | null): Promise<void> {
  busy.delete(w);
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  const reason =
    unfit ??
    (memoryMb !== spareMemoryMb
      ? `its job's heap limit (${memoryMb} MB) is not the pool's`
      : (jobsRun.get(w) ?? 0) >= JOBS_PER_THREAD
        ? `it ran ${JOBS_PER_THREAD} jobs`
        : target === 0
          ? 'the runner is stopping'
          : spares.length + busy.size >= target
            ? 'the pool is full'
            : null);
  if (reason === null) {
    dropOnExit(w);
    spares.push(w);
    return;
  }
  onEvent({ event: 'retired', reason });
  const gone = retire(w);
  refill();
  await gone;
}

// How long a retired thread may take to close its database client before it is terminated.
const RETIRE_GRACE_MS = 2_000;

/** End a thread: let it close its connections, terminate it if it has not exited in time. */
async function retire(w: Worker): Promise<void> {
  if (w.threadId < 0) return;
  const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
  w.postMessage({ type: 'close' } satisfies MainMessage);
  const timer = setTimeout(() => void w.terminate(), RETIRE_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** How long a thread may take to report its clean-up after its job's outcome. */
const IDLE_REPORT_MS = 30_000;

/**
 * Start a job in a warm worker thread. Metric messages go to `batcher`, console lines to `logs`; flush
 * requests are answered once both reached their sinks. A V8 heap above `memoryMb` ends the thread
 * with "out of memory" without touching the runner. The thread serves the next job when it reports
 * itself fit.
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
  let released: Promise<void> | null = null;
  const post = (m: MainMessage): void => worker.postMessage(m);
  // A thread that reported its outcome but never its clean-up is not trusted with another job.
  let idleTimer: NodeJS.Timeout | undefined;
  const end = (unfit: string | null): Promise<void> => {
    if (!released) {
      clearTimeout(idleTimer);
      released = release(worker, memoryMb, stopping ? 'stopped' : unfit);
    }
    return released;
  };
  const outcome = new Promise<ThreadOutcome>((resolve) => {
    const settle = (o: ThreadOutcome): void => {
      if (settled) return;
      settled = o;
      resolve(o);
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
      } else if (m.type === 'idle') void end(m.unfit);
      else if (m.type === 'done' || m.type === 'failed') {
        settle(m);
        idleTimer = setTimeout(() => void end('no clean-up report'), IDLE_REPORT_MS);
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle({
          type: 'failed',
          code: 'OUT_OF_MEMORY',
          reason: `out of memory: the job exceeded its ${memoryMb} MB heap limit`,
        });
      } else settle({ type: 'failed', code: 'INTERNAL', reason: `job thread crashed: ${e.message}` });
      void end('crashed');
    });
    worker.on('exit', (code) => {
      settle(
        stopping
          ? { type: 'stopped' }
          : { type: 'failed', code: 'INTERNAL', reason: `job thread exited with code ${code}` },
      );
      void end('exited');
    });
  });
  post({ type: 'start', start });
  return {
    outcome,
    async stop(graceMs) {
      // Over already: the thread belongs to the pool again (or is gone), and is not this handle's to stop.
      if (released) return;
      stopping = true;
      post({ type: 'cancel' });
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      await outcome;
      clearTimeout(timer);
      // A stopped job's thread is not reused: its handler may have been cut off anywhere.
      await end('stopped');
    },
  };
}

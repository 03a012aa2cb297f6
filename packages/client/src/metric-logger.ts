// A background-batching metric logger in the manner of W&B's: `log` only appends to a buffer; a timer
// sends the buffer every `flushIntervalMs` (≤ 1 s) in batches of at most `batchSize` points. A batch
// leaves the buffer only after the API acknowledged it, so a transient failure (socket cut, API
// restarting, 5xx, rate limit) is retried with back-off until it goes through: logMetrics is
// idempotent on (run, key, step), so a batch sent twice is written once. Any other failure (a
// refused batch, a fenced attempt) is final: flush/close reject with it. Browser-safe: the exit
// hook is installed only where a Node `process` exists.
import { AppError, AppErrorCode, isAppError } from '@distillery/errors';

import { isTransient } from './errors.ts';
import { backoffMs, sleep, type RetryOptions } from './retry.ts';

/** One point as logMetrics takes it. */
export interface MetricPoint {
  key: string;
  step: number;
  value: number;
  wallTime?: string;
}

/** A point as a caller has it: `wallTime` as ISO text, epoch milliseconds or a Date (default now). */
export interface MetricPointInput {
  key: string;
  step: number;
  value: number;
  wallTime?: string | number | Date;
}

/** Sends one batch; throws an AppError on failure (a transient code is retried, anything else is final). */
export type SendBatch = (points: MetricPoint[]) => Promise<void>;

/** Options of a MetricLogger. */
export interface MetricLoggerOptions {
  /** Longest time a point waits before it is sent (default 500 ms, at most 1000). */
  flushIntervalMs?: number;
  /** Points per request (default 2,000; the API takes at most 10,000). */
  batchSize?: number;
  /** Points held in memory before `log` makes its caller wait (default 100,000). */
  maxBuffered?: number;
  /** Back-off between retries of a failed batch (attempts are unlimited for transient errors). */
  retry?: Omit<RetryOptions, 'attempts'>;
  /** Called on every transient failure (the batch is kept and retried). */
  onRetry?: (error: AppError, failures: number) => void;
  /** Flush when a Node process is about to exit (default true; ignored in a browser). */
  flushOnExit?: boolean;
}

/** Counters of a logger. */
export interface MetricLoggerStats {
  logged: number;
  acknowledged: number;
  buffered: number;
  retries: number;
}

const KEY = /^[^\u0000-\u001f]{1,200}$/;
const MAX_STEP = 2_147_483_647;

/** Errors the logger retries: transport failures plus INTERNAL, safe because the write is idempotent. */
function isRetryable(e: unknown): e is AppError {
  return isTransient(e) || (isAppError(e) && e.code === AppErrorCode.INTERNAL);
}

/** Node's process when there is one (not in a browser), for the exit hook. */
function nodeProcess():
  { on(e: 'beforeExit', f: () => void): unknown; off(e: 'beforeExit', f: () => void): unknown } | undefined {
  const p = (globalThis as { process?: { on?: unknown; off?: unknown } }).process;
  return typeof p?.on === 'function' && typeof p.off === 'function'
    ? (p as ReturnType<typeof nodeProcess>)
    : undefined;
}

function badPoint(field: string, message: string): AppError {
  return new AppError(AppErrorCode.BAD_USER_INPUT, message, { field });
}

/** Check one point as the API would, so a bad value fails in the caller's stack, not in a later batch. */
function checkPoint(p: MetricPointInput): MetricPoint {
  if (!Number.isInteger(p.step) || p.step < 0 || p.step > MAX_STEP)
    throw badPoint('step', `step: must be an integer from 0 to ${MAX_STEP} (got ${p.step})`);
  if (typeof p.key !== 'string' || !KEY.test(p.key))
    throw badPoint(
      'key',
      `key: must be 1–200 characters without control characters (got ${JSON.stringify(p.key)})`,
    );
  if (typeof p.value !== 'number' || !Number.isFinite(p.value))
    throw badPoint('value', `${p.key}: value must be finite (got ${p.value})`);
  const at = p.wallTime === undefined ? new Date() : new Date(p.wallTime);
  if (Number.isNaN(at.getTime()))
    throw badPoint('wallTime', `${p.key}: wallTime is not a date (got ${String(p.wallTime)})`);
  return { key: p.key, step: p.step, value: p.value, wallTime: at.toISOString() };
}

/** Buffers points and sends them in the background; see the file comment. */
export class MetricLogger {
  private readonly queue: MetricPoint[] = [];
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private logged = 0;
  private acknowledged = 0;
  private retries = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pumping: Promise<void> | undefined;
  private fatal: Error | undefined;
  private closed = false;
  private readonly flushWaiters: { target: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly spaceWaiters: (() => void)[] = [];
  private readonly onBeforeExit = () => void this.flush().catch(() => undefined);

  constructor(
    private readonly send: SendBatch,
    private readonly options: MetricLoggerOptions = {},
  ) {
    this.flushIntervalMs = Math.min(1000, Math.max(10, options.flushIntervalMs ?? 500));
    this.batchSize = Math.min(10_000, Math.max(1, options.batchSize ?? 2000));
    this.maxBuffered = Math.max(this.batchSize, options.maxBuffered ?? 100_000);
    // beforeExit fires when the event loop empties; sending then keeps the process alive until acknowledged.
    if (options.flushOnExit ?? true) nodeProcess()?.on('beforeExit', this.onBeforeExit);
  }

  /**
   * Log `{ key: value }` at `step`. Resolves at once while the buffer has room; when it is full the
   * promise waits until a batch is acknowledged, so awaiting `log` keeps memory bounded.
   */
  log(metrics: Record<string, number>, step: number, wallTime: Date = new Date()): Promise<void> {
    return this.logPoints(Object.entries(metrics).map(([key, value]) => ({ key, step, value, wallTime })));
  }

  /**
   * Log points already shaped as `{ key, step, value, wallTime }` (a training loop's callback). All
   * are checked before any is queued; the promise behaves as `log`'s.
   */
  logPoints(points: readonly MetricPointInput[]): Promise<void> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.closed)
      return Promise.reject(new AppError(AppErrorCode.CONFLICT, 'the metric logger is closed'));
    const checked = points.map(checkPoint);
    for (const p of checked) this.queue.push(p);
    this.logged += checked.length;
    this.schedule();
    return this.queue.length <= this.maxBuffered
      ? Promise.resolve()
      : new Promise((resolve) => this.spaceWaiters.push(resolve));
  }

  /** Resolve when every point logged so far is acknowledged; rejects if the API refused a batch for good. */
  flush(): Promise<void> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.acknowledged >= this.logged) return Promise.resolve();
    const target = this.logged;
    const done = new Promise<void>((resolve, reject) => this.flushWaiters.push({ target, resolve, reject }));
    this.kick();
    return done;
  }

  /** Flush and stop; after `timeoutMs` (default 30 s) rejects naming how many points were not sent. */
  async close(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    nodeProcess()?.off('beforeExit', this.onBeforeExit);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new AppError(
              AppErrorCode.TIMEOUT,
              `metric logger: ${this.logged - this.acknowledged} points not acknowledged after ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.flush(), timeout]);
    } finally {
      clearTimeout(timer);
      clearTimeout(this.timer);
    }
  }

  /**
   * Stop at once and drop every point not yet acknowledged (the run's attempt lost its lease, so its
   * points must not be written); pending flushes reject with `reason`.
   */
  discard(reason: Error = new AppError(AppErrorCode.CONFLICT, 'the metric logger was discarded')): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.splice(0);
    this.fail(reason);
  }

  /** True after `close` or `discard` was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Counters, e.g. to report progress. */
  stats(): MetricLoggerStats {
    return {
      logged: this.logged,
      acknowledged: this.acknowledged,
      buffered: this.queue.length,
      retries: this.retries,
    };
  }

  private schedule(): void {
    if (this.queue.length >= this.batchSize) this.kick();
    else if (!this.timer && !this.pumping) {
      this.timer = setTimeout(() => this.kick(), this.flushIntervalMs);
      // The timer alone must not keep a finished script alive; beforeExit flushes what is left.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      if (this.queue.length > 0 && !this.fatal) this.schedule();
    });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0 && !this.fatal) {
      const batch = this.queue.slice(0, this.batchSize);
      for (let failures = 0; ;) {
        try {
          await this.send(batch);
          break;
        } catch (e) {
          if (this.fatal) return;
          if (!isRetryable(e)) {
            this.fail(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          failures++;
          this.retries++;
          this.options.onRetry?.(e, failures);
          await sleep(backoffMs(failures, { baseDelayMs: 100, maxDelayMs: 2000, ...this.options.retry }));
          if (this.fatal) return;
        }
      }
      this.queue.splice(0, batch.length);
      this.acknowledged += batch.length;
      this.settle();
    }
  }

  private settle(): void {
    for (let i = this.flushWaiters.length - 1; i >= 0; i--) {
      const w = this.flushWaiters[i]!;
      if (w.target <= this.acknowledged) {
        this.flushWaiters.splice(i, 1);
        w.resolve();
      }
    }
    while (this.queue.length <= this.maxBuffered && this.spaceWaiters.length > 0)
      this.spaceWaiters.shift()!();
  }

  private fail(e: Error): void {
    this.fatal ??= e;
    nodeProcess()?.off('beforeExit', this.onBeforeExit);
    for (const w of this.flushWaiters.splice(0)) w.reject(e);
    for (const r of this.spaceWaiters.splice(0)) r();
  }
}

// A background-batching metric logger in the manner of W&B's: `log` only appends to a buffer; a timer
// sends the buffer every `flushIntervalMs` (≤ 1 s) in batches of at most `batchSize` points. A batch
// leaves the buffer only after the API acknowledged it, so a transient failure (socket cut, API
// restarting, 5xx, rate limit) is retried with back-off until it goes through: logMetrics is
// idempotent on (run, key, step), so a batch sent twice is written once.
import { DistilleryApiError, isApiError } from './errors.ts';
import { backoffMs, sleep, type RetryOptions } from './retry.ts';

/** One point as logMetrics takes it. */
export interface MetricPoint {
  key: string;
  step: number;
  value: number;
  wallTime?: string;
}

/** Sends one batch; throws DistilleryApiError on failure. */
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
  onRetry?: (error: DistilleryApiError, failures: number) => void;
  /** Flush when the process is about to exit (default true). */
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
function isRetryable(e: unknown): e is DistilleryApiError {
  return isApiError(e) && (e.transient || e.code === 'INTERNAL' || e.code.startsWith('HTTP_5'));
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
  private timer: NodeJS.Timeout | undefined;
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
    if (options.flushOnExit ?? true) process.on('beforeExit', this.onBeforeExit);
  }

  /**
   * Log `{ key: value }` at `step`. Resolves at once while the buffer has room; when it is full the
   * promise waits until a batch is acknowledged, so awaiting `log` keeps memory bounded.
   */
  log(metrics: Record<string, number>, step: number, wallTime: Date = new Date()): Promise<void> {
    if (this.fatal) return Promise.reject(this.fatal);
    if (this.closed) return Promise.reject(new DistilleryApiError('CLOSED', 'the metric logger is closed'));
    if (!Number.isInteger(step) || step < 0 || step > MAX_STEP)
      throw new DistilleryApiError(
        'BAD_USER_INPUT',
        `step: must be an integer from 0 to ${MAX_STEP} (got ${step})`,
        { field: 'step' },
      );
    const at = wallTime.toISOString();
    for (const [key, value] of Object.entries(metrics)) {
      if (!KEY.test(key))
        throw new DistilleryApiError(
          'BAD_USER_INPUT',
          `key: must be 1–200 characters without control characters (got ${JSON.stringify(key)})`,
          { field: 'key' },
        );
      if (!Number.isFinite(value))
        throw new DistilleryApiError('BAD_USER_INPUT', `${key}: value must be finite (got ${value})`, {
          field: 'value',
        });
    }
    for (const [key, value] of Object.entries(metrics)) this.queue.push({ key, step, value, wallTime: at });
    this.logged += Object.keys(metrics).length;
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
    process.off('beforeExit', this.onBeforeExit);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DistilleryApiError(
              'TIMEOUT',
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

  /** True after `close` was called. */
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
      this.timer.unref();
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
          if (!isRetryable(e)) {
            this.fail(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          failures++;
          this.retries++;
          this.options.onRetry?.(e, failures);
          await sleep(backoffMs(failures, { baseDelayMs: 100, maxDelayMs: 2000, ...this.options.retry }));
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
    this.fatal = e;
    process.off('beforeExit', this.onBeforeExit);
    for (const w of this.flushWaiters.splice(0)) w.reject(e);
    for (const r of this.spaceWaiters.splice(0)) r();
  }
}

import { FencedError } from '@distillery/db/lifecycle';
import { AppErrorCode, isAppError } from '@distillery/errors';

import type { MetricPoint } from './types.ts';

/** Where a batcher's batches go (a metric sink, a console-log sink). */
export interface BatchSink<T> {
  /** Write items of the run held by `lease`; refused when fenced. */
  write(lease: { runId: string; attempt: number; runnerId: string }, items: T[]): Promise<void>;
}

/** How long a logged metric point waits, by default, before it is written (RUNNER_METRIC_FLUSH_MS). */
export const DEFAULT_METRIC_FLUSH_MS = 1000;

/** Options of a batcher. */
export interface BatcherOptions {
  /** Longest time a point waits before it is sent (the dashboard's latency budget). */
  flushMs: number;
  /** A batch is sent as soon as it holds this many points (the API caps a call at 10,000). */
  maxBatch: number;
  /**
   * How long a batch is retried while the sink fails (API restart, database outage, network); backoff
   * doubles from 250 ms to 5 s. Default 15 minutes: an outage is waited out, not turned into a failure.
   */
  retryForMs?: number;
}

/**
 * Buffers a run's items (metric points, console lines) and sends them in batches: when `flushMs` has passed since the oldest
 * unsent point, when `maxBatch` points wait, and whenever `flush()` is called (epoch ends, checkpoints,
 * the end of the run). Sends are serialised, so batches reach the sink in order. A transient sink
 * error is retried with backoff and the batch kept for the next flush if it still fails; a fenced
 * lease is final (the points belong to an attempt that no longer holds the run).
 */
export class Batcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  sent = 0;

  private readonly options: BatcherOptions;

  /** `options` default to DEFAULT_METRIC_FLUSH_MS and 5,000-point batches. */
  constructor(
    private readonly sink: BatchSink<T>,
    private readonly lease: { runId: string; attempt: number; runnerId: string },
    options: Partial<BatcherOptions> = {},
  ) {
    this.options = { flushMs: DEFAULT_METRIC_FLUSH_MS, maxBatch: 5000, ...options };
  }

  /** Queue points; never blocks the training loop. */
  add(items: readonly T[]): void {
    for (const p of items) this.pending.push(p);
    if (this.pending.length >= this.options.maxBatch) void this.flush().catch(() => undefined);
    else if (!this.timer && this.pending.length > 0) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.options.flushMs);
    }
  }

  /** Send everything queued so far; rejects with the sink's error (e.g. the lease was fenced). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    const run = this.chain.then(async () => {
      if (this.failure) throw this.failure;
      for (let i = 0; i < batch.length; i += this.options.maxBatch) {
        const part = batch.slice(i, i + this.options.maxBatch);
        try {
          await this.writeWithRetry(part);
        } catch (e) {
          // A lost lease ends every later send; a transient failure keeps the points for the next flush; a
          // refused batch (a bad point: nothing of it was written) is dropped, as the API drops it.
          if (e instanceof FencedError) this.failure = e;
          else if (!isRefusal(e)) this.pending = [...batch.slice(i), ...this.pending];
          throw e;
        }
        this.sent += part.length;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeWithRetry(part: T[]): Promise<void> {
    const deadline = Date.now() + (this.options.retryForMs ?? 15 * 60_000);
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      try {
        return await this.sink.write(this.lease, part);
      } catch (e) {
        if (isRefusal(e) || Date.now() + delay > deadline) throw e;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Stop the timer without sending (the attempt lost its lease). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}

/** The batcher of a run's metric points. */
export class MetricBatcher extends Batcher<MetricPoint> {}

// The lifecycle's typed refusals (CONFLICT when fenced, BAD_USER_INPUT) fail again unchanged; only an
// unavailable database (or an untyped error) is worth retrying.
function isRefusal(e: unknown): boolean {
  return isAppError(e) && e.code !== AppErrorCode.UNAVAILABLE;
}

import { isTransient } from './errors.ts';

/** How a request is retried. Only safe operations are retried: queries and idempotent mutations. */
export interface RetryOptions {
  /** Attempts in total, including the first (default 4). */
  attempts?: number;
  /** First back-off delay; doubles each time with ±50 % jitter (default 200 ms). */
  baseDelayMs?: number;
  /** Largest back-off delay (default 5 s). */
  maxDelayMs?: number;
}

/** Back-off before retry number `n` (1-based): base · 2^(n−1), capped, with jitter against thundering herds. */
export function backoffMs(n: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 5000;
  const d = Math.min(cap, base * 2 ** Math.max(0, n - 1));
  return Math.round(d * (0.5 + random()));
}

/** Sleep that an AbortSignal can cut short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Run `fn`, retrying transient API errors up to `attempts` times with back-off. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  for (let n = 1; ; n++) {
    try {
      return await fn();
    } catch (e) {
      if (n >= attempts || !isTransient(e)) throw e;
      await sleep(backoffMs(n, options), signal);
    }
  }
}

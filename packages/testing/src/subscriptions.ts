import type { Client } from 'graphql-ws';

/** A subscription being collected: `done` resolves with the first `n` results, `ready` once connected. */
export interface Collecting<T> {
  done: Promise<T[]>;
  ready: Promise<void>;
  cancel: () => void;
}

/** Collect `n` results of a subscription given as source text (or fail after `timeoutMs`). */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  n: number,
  timeoutMs = 10_000,
): Collecting<T> {
  const got: T[] = [];
  let cancel = () => undefined as void;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`timed out with ${got.length}/${n} messages: ${JSON.stringify(got).slice(0, 500)}`)),
      timeoutMs,
    );
    cancel = client.subscribe<T>(
      { query, variables },
      {
        next: (m) => {
          if (m.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(m.errors)));
            return;
          }
          got.push(m.data as T);
          if (got.length >= n) {
            clearTimeout(timer);
            resolve(got);
          }
        },
        error: (e) => {
          clearTimeout(timer);
          const close = e as { code?: number; reason?: string };
          reject(
            e instanceof Error
              ? e
              : new Error(close.code ? `closed ${close.code} ${close.reason ?? ''}` : JSON.stringify(e)),
          );
        },
        complete: () => undefined,
      },
    );
    // graphql-ws says "connected" before the server registered the subscription: give it a moment.
    client.on('connected', () => setTimeout(resolveReady, 50));
  });
  return { done, ready, cancel: () => cancel() };
}

import { createClient, type Client } from 'graphql-ws';

/** Connection state of the shared client, for the "live" indicator. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

let current: { url: string; token: string | null; client: Client } | null = null;
let state: LiveState = 'connecting';
const listeners = new Set<() => void>();

function setState(next: LiveState): void {
  state = next;
  for (const l of listeners) l();
}

/** The shared connection's state (a store for useSyncExternalStore). */
export const liveStore = {
  get: (): LiveState => state,
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/**
 * One graphql-ws client per (url, token), retrying forever with backoff. The client re-sends a
 * subscription's payload object on every reconnect, so callers keep `variables` mutable and move
 * their `sinceStep` forward: the server then backfills exactly what was missed.
 */
export function wsClient(url: string, token: string | null): Client {
  if (current && current.url === url && current.token === token) return current.client;
  void current?.client.dispose();
  setState('connecting');
  let everConnected = false;
  const client = createClient({
    url,
    lazy: true,
    lazyCloseTimeout: 3_000,
    keepAlive: 10_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** retries, 5_000)));
    },
    connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
    // Only the current client reports: a replaced client's late 'closed' must not mask the new one.
    on: {
      connected: () => {
        everConnected = true;
        if (current?.client === client) setState('live');
      },
      closed: () => {
        if (current?.client === client) setState(everConnected ? 'reconnecting' : 'connecting');
      },
    },
  });
  current = { url, token, client };
  return client;
}

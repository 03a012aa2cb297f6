'use client';

/** Connection state of the dashboard's subscription socket, for the "live" indicator. */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

let state: LiveState = 'connecting';
let everConnected = false;
const listeners = new Set<() => void>();

function setState(next: LiveState): void {
  state = next;
  for (const l of listeners) l();
}

/** The socket's state as a store for useSyncExternalStore, fed by graphql-ws connection events. */
export const liveStore = {
  get: (): LiveState => state,
  subscribe: (l: () => void): (() => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  /** A new session starts a new connection: "connecting", not "reconnecting". */
  reset(): void {
    everConnected = false;
    setState('connecting');
  },
  /** graphql-ws `on` handlers that keep the state current. */
  socketEvents() {
    return {
      connecting: () => setState(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        everConnected = true;
        setState('live');
      },
      closed: () => setState(everConnected ? 'reconnecting' : 'connecting'),
    };
  },
};

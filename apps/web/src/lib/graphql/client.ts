'use client';
import { AppErrorCode, DistilleryClient, isAppError, toWsUrl } from '@distillery/client';

import { MeDocument } from '../../graphql/generated/graphql.ts';

import { onTokenChange } from '../session.ts';
import { liveStore } from './live-state.ts';
import { signInAgain } from './query-client.ts';

declare global {
  interface Window {
    __DISTILLERY_API_URL__?: string;
  }
}

let shared: DistilleryClient | undefined;

/** The API's browser-facing URL, put on `window` by /runtime-config before any page script runs. */
function apiWsUrl(): string {
  const api =
    window.__DISTILLERY_API_URL__ ?? `${window.location.protocol}//${window.location.hostname}:4000/graphql`;
  return toWsUrl(api);
}

/**
 * The dashboard's one @distillery/client: queries and mutations through the same-origin proxy
 * (`/graphql`, so the API needs no CORS), subscriptions straight to the API over the browser's
 * WebSocket, the session token read before every request. The socket retries forever with a capped
 * back-off and reports its state to the "live" indicator; a sign-in or sign-out closes it, so the
 * next subscription connects with the new token.
 */
export function browserClient(): DistilleryClient {
  if (shared) return shared;
  const socketEvents = liveStore.socketEvents();
  const client = new DistilleryClient({
    url: '/graphql',
    wsUrl: apiWsUrl(),
    // The session travels in its HttpOnly cookie (the proxy and the WebSocket upgrade carry it).
    token: () => null,
    ws: {
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait: (retries) => new Promise((r) => setTimeout(r, Math.min(250 * 2 ** retries, 5_000))),
      keepAlive: 10_000,
      lazyCloseTimeout: 3_000,
      on: {
        ...socketEvents,
        closed: (event) => {
          socketEvents.closed();
          // 4401/4403: the API closed the socket because the session or its user was revoked
          // (disabled, signed out elsewhere). Ask once over HTTP; UNAUTHENTICATED ends this session.
          const code = (event as { code?: number } | undefined)?.code;
          if (code === 4401 || code === 4403)
            void client.send(MeDocument, {}).catch((e: unknown) => {
              if (isAppError(e) && e.code === AppErrorCode.UNAUTHENTICATED) signInAgain();
            });
        },
      },
    },
  });
  onTokenChange(() => {
    liveStore.reset();
    void client.close();
  });
  shared = client;
  return client;
}

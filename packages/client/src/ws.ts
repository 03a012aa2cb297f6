import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import { apiErrorFrom, DistilleryApiError, type GraphqlErrorBody } from './errors.ts';

/** Options of the graphql-ws connection. */
export interface WsOptions {
  url: string;
  token?: string | undefined;
  /** Reconnect attempts after a dropped socket (default 20, with graphql-ws' randomised back-off). */
  retryAttempts?: number;
}

/** A lazy graphql-ws client on the API's /graphql path (http → ws), authorised by `connectionParams.authorization`. */
export function createWsClient(o: WsOptions): Client {
  return createClient({
    url: o.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: o.token ? { authorization: `Bearer ${o.token}` } : {},
    lazy: true,
    retryAttempts: o.retryAttempts ?? 20,
    shouldRetry: () => true,
  });
}

function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (Array.isArray(e)) return apiErrorFrom(e as GraphqlErrorBody[]);
  const ev = e as { code?: number; reason?: string } | undefined;
  if (ev && typeof ev.code === 'number') {
    const code = ev.code === 4403 ? 'FORBIDDEN' : ev.code === 4401 ? 'UNAUTHENTICATED' : 'NETWORK';
    return new DistilleryApiError(
      code,
      `subscription socket closed (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`,
    );
  }
  return new DistilleryApiError('NETWORK', `subscription failed: ${String(e)}`);
}

/** A subscription as an async iterator whose `return()` unsubscribes at once, even while a `next()` waits. */
export interface LiveSubscription<R> extends AsyncIterableIterator<R> {
  return(): Promise<IteratorResult<R, undefined>>;
}

/** Subscribe and iterate the results; GraphQL errors in a result end the iteration with a DistilleryApiError. */
export function iterate<R, V>(
  client: Client,
  doc: TypedDocumentNode<R, V>,
  variables: V,
): LiveSubscription<R> {
  const it = client.iterate<R>({ query: print(doc), variables: variables as Record<string, unknown> });
  const sub: LiveSubscription<R> = {
    async next() {
      let r: IteratorResult<{ data?: R | null; errors?: readonly unknown[] }>;
      try {
        r = await it.next();
      } catch (e) {
        throw toError(e);
      }
      if (r.done) return { done: true, value: undefined };
      if (r.value.errors?.length) {
        await it.return?.();
        throw apiErrorFrom(r.value.errors as GraphqlErrorBody[]);
      }
      return r.value.data ? { done: false, value: r.value.data } : sub.next();
    },
    async return() {
      await it.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return sub;
    },
  };
  return sub;
}

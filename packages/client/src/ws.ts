import { AppError, AppErrorCode, isAppError } from '@distillery/errors';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type ClientOptions as GraphqlWsOptions, type Sink } from 'graphql-ws';

import { apiErrorFrom, type GraphqlErrorBody } from './errors.ts';
import { readTokenSource, type TokenSource } from './http.ts';

/** Options of the graphql-ws connection. */
export interface WsOptions {
  /** ws:// or wss:// URL of the API's /graphql (an http(s) URL is converted). */
  url: string;
  token?: TokenSource;
  /**
   * The WebSocket class: the browser's global by default; Node before 22 has none, so scripts pass
   * the `ws` package's (`@distillery/client/node` does).
   */
  webSocketImpl?: unknown;
  /** Reconnect attempts after a dropped socket (default 20, with graphql-ws' randomised back-off). */
  retryAttempts?: number;
  /** Wait before reconnect number `retries` (default graphql-ws' randomised exponential back-off). */
  retryWait?: GraphqlWsOptions['retryWait'];
  /** Ping interval that detects a dead socket (default none). */
  keepAlive?: number;
  /** How long an idle socket stays open after the last subscription ends (default 0). */
  lazyCloseTimeout?: number;
  /** Connection events, e.g. for a "live" indicator. */
  on?: GraphqlWsOptions['on'];
}

/** An http(s) URL as the matching ws(s) URL. */
export function toWsUrl(url: string): string {
  return url.replace(/^http/, 'ws');
}

/** A lazy graphql-ws client, authorised by `connectionParams.authorization` (read on every connect). */
export function createWsClient(o: WsOptions): Client {
  return createClient({
    url: toWsUrl(o.url),
    ...(o.webSocketImpl ? { webSocketImpl: o.webSocketImpl } : {}),
    connectionParams: () => {
      const token = readTokenSource(o.token);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    lazy: true,
    retryAttempts: o.retryAttempts ?? 20,
    shouldRetry: () => true,
    ...(o.retryWait ? { retryWait: o.retryWait } : {}),
    ...(o.keepAlive ? { keepAlive: o.keepAlive } : {}),
    ...(o.lazyCloseTimeout ? { lazyCloseTimeout: o.lazyCloseTimeout } : {}),
    ...(o.on ? { on: o.on } : {}),
  });
}

/** A subscription failure (close event, GraphQL errors, thrown value) as an AppError. */
export function subscriptionError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (Array.isArray(e)) return apiErrorFrom(e as GraphqlErrorBody[]);
  const ev = e as { code?: number; reason?: string } | undefined;
  if (ev && typeof ev.code === 'number') {
    const code =
      ev.code === 4403
        ? AppErrorCode.FORBIDDEN
        : ev.code === 4401
          ? AppErrorCode.UNAUTHENTICATED
          : AppErrorCode.NETWORK;
    return new AppError(code, `subscription socket closed (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
  }
  if (e instanceof Error) return new AppError(AppErrorCode.NETWORK, e.message, { cause: e });
  return new AppError(AppErrorCode.NETWORK, `subscription failed: ${String(e)}`);
}

/** Callbacks of a subscription: data, then at most one of error or complete. */
export interface SubscriptionHandlers<R> {
  next: (data: R) => void;
  error?: (e: AppError) => void;
  complete?: () => void;
}

/**
 * Subscribe with callbacks; returns the unsubscribe function. `variables` is sent as the same object
 * on every reconnect, so a caller may move a cursor in it (e.g. `sinceStep`) and the server then
 * backfills exactly what was missed.
 */
export function listen<R, V>(
  client: Client,
  doc: TypedDocumentNode<R, V>,
  variables: V,
  handlers: SubscriptionHandlers<R>,
): () => void {
  const sink: Sink<{ data?: R | null; errors?: readonly unknown[] }> = {
    next: (m) => {
      if (m.errors?.length) handlers.error?.(apiErrorFrom(m.errors as GraphqlErrorBody[]));
      else if (m.data) handlers.next(m.data);
    },
    error: (e) => handlers.error?.(subscriptionError(e)),
    complete: () => handlers.complete?.(),
  };
  return client.subscribe({ query: print(doc), variables: variables as Record<string, unknown> }, sink);
}

/** A subscription as an async iterator whose `return()` unsubscribes at once, even while a `next()` waits. */
export interface LiveSubscription<R> extends AsyncIterableIterator<R> {
  return(): Promise<IteratorResult<R, undefined>>;
}

/** Subscribe and iterate the results; GraphQL errors in a result end the iteration with an AppError. */
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
        throw subscriptionError(e);
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

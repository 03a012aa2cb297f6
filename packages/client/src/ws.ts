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
    return new DistilleryApiError(code, `subscription socket closed (${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
  }
  return new DistilleryApiError('NETWORK', `subscription failed: ${String(e)}`);
}

/** Subscribe and iterate the results; GraphQL errors in a result end the iteration with a DistilleryApiError. */
export async function* iterate<R, V>(client: Client, doc: TypedDocumentNode<R, V>, variables: V): AsyncGenerator<R, void, undefined> {
  const it = client.iterate<R>({ query: print(doc), variables: variables as Record<string, unknown> });
  try {
    for await (const r of it) {
      if (r.errors?.length) throw apiErrorFrom(r.errors as GraphqlErrorBody[]);
      if (r.data) yield r.data;
    }
  } catch (e) {
    throw toError(e);
  } finally {
    await it.return?.();
  }
}

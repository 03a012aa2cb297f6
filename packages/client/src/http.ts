import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type OperationDefinitionNode } from 'graphql';

import { apiErrorFrom, DistilleryApiError, type GraphqlErrorBody } from './errors.ts';
import { withRetry, type RetryOptions } from './retry.ts';

/** Mutations that may be sent twice with the same effect, so retrying them is safe. */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set(['LogMetrics']);

/** Options of the HTTP transport. */
export interface HttpOptions {
  url: string;
  token?: string | undefined;
  retry?: RetryOptions;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Extra headers, e.g. a user agent. */
  headers?: Record<string, string>;
}

function operationOf(doc: TypedDocumentNode<unknown, never>): OperationDefinitionNode | undefined {
  return doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
}

/** True when `doc` can be retried: a query, or a mutation in IDEMPOTENT_MUTATIONS. */
export function isRetrySafe(doc: TypedDocumentNode<unknown, never>): boolean {
  const op = operationOf(doc);
  return (
    op?.operation === 'query' ||
    (op?.operation === 'mutation' && IDEMPOTENT_MUTATIONS.has(op.name?.value ?? ''))
  );
}

async function postOnce<R>(
  o: HttpOptions,
  query: string,
  operationName: string | undefined,
  variables: unknown,
  signal?: AbortSignal,
): Promise<R> {
  const timeout = AbortSignal.timeout(o.timeoutMs ?? 30_000);
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      body: JSON.stringify({ query, operationName, variables }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    const timedOut = timeout.aborted;
    const detail = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    throw new DistilleryApiError(
      timedOut ? 'TIMEOUT' : 'NETWORK',
      timedOut
        ? `no answer from ${o.url} within ${o.timeoutMs ?? 30_000} ms`
        : `cannot reach ${o.url}: ${detail}`,
      { cause: e },
    );
  }
  let body: { data?: R | null; errors?: GraphqlErrorBody[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch (e) {
    throw new DistilleryApiError(
      res.status >= 500 ? `HTTP_${res.status}` : 'BAD_RESPONSE',
      `${o.url} answered HTTP ${res.status} without a GraphQL body`,
      { status: res.status, cause: e },
    );
  }
  if (body?.errors?.length) throw apiErrorFrom(body.errors, res.status);
  if (!res.ok || !body?.data)
    throw new DistilleryApiError(`HTTP_${res.status}`, `${o.url} answered HTTP ${res.status} without data`, {
      status: res.status,
    });
  return body.data;
}

/** POST one operation; retries transient failures only when the operation is safe to repeat. */
export function postOperation<R, V>(
  o: HttpOptions,
  doc: TypedDocumentNode<R, V>,
  variables: V | undefined,
  signal?: AbortSignal,
): Promise<R> {
  const d = doc as TypedDocumentNode<unknown, never>;
  const query = print(d);
  const name = operationOf(d)?.name?.value;
  const once = () => postOnce<R>(o, query, name, variables ?? {}, signal);
  return isRetrySafe(d) ? withRetry(once, o.retry, signal) : once();
}

import { AppError, AppErrorCode } from '@distillery/errors';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';

import { apiErrorFrom, type GraphqlErrorBody } from './errors.ts';
import { withRetry, type RetryOptions } from './retry.ts';

/** Mutations that may be sent twice with the same effect, so retrying them is safe. */
export const IDEMPOTENT_MUTATIONS: ReadonlySet<string> = new Set(['LogMetrics']);

/** A bearer token, or a function read before every request (a browser session that changes). */
export type TokenSource = string | undefined | null | (() => string | undefined | null);

/** Options of the HTTP transport. */
export interface HttpOptions {
  url: string;
  token?: TokenSource;
  retry?: RetryOptions;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Extra headers, e.g. a user agent. */
  headers?: Record<string, string>;
}

/** A GraphQL response as the API sent it, with its HTTP status (GraphQL errors are not thrown). */
export interface ExecutionResult<R = Record<string, unknown>> {
  status: number;
  data?: R | null;
  errors?: GraphqlErrorBody[];
}

/** The token a source holds now. */
export function readTokenSource(token: TokenSource): string | undefined {
  const t = typeof token === 'function' ? token() : token;
  return t || undefined;
}

function operationOf(doc: DocumentNode): OperationDefinitionNode | undefined {
  return doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
}

/** True when `doc` can be retried: a query, or a mutation in IDEMPOTENT_MUTATIONS. */
export function isRetrySafe(doc: DocumentNode): boolean {
  const op = operationOf(doc);
  return (
    op?.operation === 'query' ||
    (op?.operation === 'mutation' && IDEMPOTENT_MUTATIONS.has(op.name?.value ?? ''))
  );
}

// Documents are printed once: pages re-run the same query many times.
const printed = new WeakMap<DocumentNode, string>();

function sourceOf(doc: DocumentNode): string {
  let s = printed.get(doc);
  if (s === undefined) printed.set(doc, (s = print(doc)));
  return s;
}

/** POST once; resolves with the body whatever its GraphQL errors, throws AppError for transport failures. */
async function postOnce<R>(
  o: HttpOptions,
  body: string,
  signal: AbortSignal | undefined,
): Promise<ExecutionResult<R>> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const token = readTokenSource(o.token);
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...o.headers,
      },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (e) {
    // The caller's own abort is not a failure of the API: rethrow it unchanged (AbortError).
    if (signal?.aborted) throw e;
    const detail = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    throw timeout.aborted
      ? new AppError(AppErrorCode.TIMEOUT, `no answer from ${o.url} within ${timeoutMs} ms`, { cause: e })
      : new AppError(AppErrorCode.NETWORK, `cannot reach ${o.url}: ${detail}`, { cause: e });
  }
  let parsed: { data?: R | null; errors?: GraphqlErrorBody[] } | undefined;
  try {
    parsed = (await res.json()) as typeof parsed;
  } catch (e) {
    if (signal?.aborted) throw e;
    throw bodylessError(o.url, res.status, e);
  }
  if (!parsed || (parsed.data == null && !parsed.errors?.length)) throw bodylessError(o.url, res.status);
  return { status: res.status, ...parsed };
}

/** An answer that is not a GraphQL result: a proxy's 502–504 may pass, anything else is misconfiguration. */
function bodylessError(url: string, status: number, cause?: unknown): AppError {
  const code =
    status === 502 || status === 503 || status === 504
      ? AppErrorCode.UNAVAILABLE
      : status >= 500
        ? AppErrorCode.INTERNAL
        : AppErrorCode.CONFIG;
  const hint = code === AppErrorCode.CONFIG ? ' (is this the API’s /graphql URL?)' : '';
  return new AppError(code, `${url} answered HTTP ${status} without a GraphQL result${hint}`, {
    cause,
    details: { status },
  });
}

/** Parse source text when it parses; text that does not is still sent as it is (the API answers the error). */
function tryParse(source: string): DocumentNode | undefined {
  try {
    return parse(source);
  } catch {
    return undefined;
  }
}

/**
 * POST one operation (a document, or source text sent verbatim) and return the raw result; transient
 * failures are retried when the operation is safe to repeat.
 */
export function executeOperation<R, V>(
  o: HttpOptions,
  doc: TypedDocumentNode<R, V> | DocumentNode | string,
  variables: V | undefined,
  signal?: AbortSignal,
): Promise<ExecutionResult<R>> {
  const parsed = typeof doc === 'string' ? tryParse(doc) : doc;
  const query = typeof doc === 'string' ? doc : sourceOf(doc);
  const operationName = parsed && operationOf(parsed)?.name?.value;
  const body = JSON.stringify({ query, operationName, variables: variables ?? {} });
  const once = () => postOnce<R>(o, body, signal);
  return parsed && isRetrySafe(parsed) ? withRetry(once, o.retry, signal) : once();
}

/** POST one operation; GraphQL errors are thrown as an AppError with the API's code. */
export async function postOperation<R, V>(
  o: HttpOptions,
  doc: TypedDocumentNode<R, V>,
  variables: V | undefined,
  signal?: AbortSignal,
): Promise<R> {
  const d = doc as TypedDocumentNode<unknown, never>;
  const once = async () => {
    const r = await executeOperation<R, V>({ ...o, retry: { attempts: 1 } }, doc, variables, signal);
    if (r.errors?.length) throw apiErrorFrom(r.errors, r.status);
    return r.data as R;
  };
  // A RATE_LIMITED answer arrives as a GraphQL error, so retries wrap the whole exchange.
  return isRetrySafe(d) ? withRetry(once, o.retry, signal) : once();
}

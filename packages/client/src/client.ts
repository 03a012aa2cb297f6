import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';

import { LogMetricsDocument } from './graphql/generated/graphql.ts';
import {
  executeOperation,
  postOperation,
  type ExecutionResult,
  type HttpOptions,
  type TokenSource,
} from './http.ts';
import { MetricLogger, type MetricLoggerOptions } from './metric-logger.ts';
import type { RetryOptions } from './retry.ts';
import {
  createWsClient,
  iterate,
  listen,
  type LiveSubscription,
  type SubscriptionHandlers,
  type WsOptions,
} from './ws.ts';

/** Options of a DistilleryClient. */
export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. http://localhost:4000/graphql (or a same-origin proxy such as `/graphql`). */
  url: string;
  /** An API token or session token (`Authorization: Bearer …`), or a function read before each request. */
  token?: TokenSource;
  /** Where subscriptions connect (default: `url` with http → ws). */
  wsUrl?: string;
  /** The WebSocket class (browser: the global; Node < 22: the `ws` package's, see `@distillery/client/node`). */
  webSocketImpl?: unknown;
  /** Reconnect, keep-alive and connection events of the subscription socket. */
  ws?: Omit<WsOptions, 'url' | 'token' | 'webSocketImpl'>;
  retry?: RetryOptions;
  timeoutMs?: number;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/** Per-request options. */
export interface RequestOptions {
  /** Aborts the request (the promise rejects with the signal's reason, not an AppError). */
  signal?: AbortSignal;
}

type Args<V> = V extends Record<string, never> ? [V?, RequestOptions?] : [V, RequestOptions?];

/** The typed client: `request` over HTTP, `subscribe`/`listen` over graphql-ws, and a batching metric logger. */
export class DistilleryClient {
  private ws: WsClient | undefined;
  private readonly loggers = new Set<MetricLogger>();

  constructor(readonly options: ClientOptions) {}

  /** Run a query or mutation; queries and idempotent mutations are retried on transient errors. */
  request<R, V>(doc: TypedDocumentNode<R, V>, ...[variables, options]: Args<V>): Promise<R> {
    return postOperation(this.http(), doc, variables, options?.signal);
  }

  /** `request` with plain parameters, for generic callers holding variables of a type parameter (React hooks). */
  send<R, V>(doc: TypedDocumentNode<R, V>, variables: V, options: RequestOptions = {}): Promise<R> {
    return postOperation(this.http(), doc, variables, options.signal);
  }

  /**
   * Run an operation (typed document, parsed document or source text) and return the API's raw answer
   * with its HTTP status: GraphQL errors are returned, not thrown (tests, scripts that want partial data).
   */
  execute<R = Record<string, unknown>, V = Record<string, unknown>>(
    doc: TypedDocumentNode<R, V> | DocumentNode | string,
    variables?: V,
    options: RequestOptions & { retry?: RetryOptions } = {},
  ): Promise<ExecutionResult<R>> {
    const http = options.retry ? { ...this.http(), retry: options.retry } : this.http();
    return executeOperation<R, V>(http, doc, variables, options.signal);
  }

  /** Iterate a subscription; `break` (or `return()`) unsubscribes. */
  subscribe<R, V>(doc: TypedDocumentNode<R, V>, variables: V): LiveSubscription<R> {
    return iterate(this.socket(), doc, variables);
  }

  /** Subscribe with callbacks (see `listen` in ws.ts: `variables` may be moved forward between reconnects). */
  listen<R, V>(doc: TypedDocumentNode<R, V>, variables: V, handlers: SubscriptionHandlers<R>): () => void {
    return listen(this.socket(), doc, variables, handlers);
  }

  /**
   * A logger that batches `logMetrics` for one run in the background (with a RUNNER token, pass the
   * `attempt` and `runnerId` the run was claimed with: the lease every write is fenced on).
   */
  metricLogger(
    runId: string,
    options: MetricLoggerOptions & { attempt?: number; runnerId?: string } = {},
  ): MetricLogger {
    const { attempt, runnerId, ...rest } = options;
    // Retries live in the logger (unbounded for transient errors), so each send is a single attempt.
    const http: HttpOptions = { ...this.http(), retry: { attempts: 1 } };
    const logger = new MetricLogger(async (points) => {
      await postOperation(http, LogMetricsDocument, {
        runId,
        points,
        ...(attempt === undefined ? {} : { attempt }),
        ...(runnerId === undefined ? {} : { runnerId }),
      });
    }, rest);
    this.loggers.add(logger);
    return logger;
  }

  /** Flush every logger not closed yet, then close the WebSocket; rethrows the first logger failure. */
  async close(): Promise<void> {
    const results = await Promise.allSettled(
      [...this.loggers].filter((l) => !l.isClosed).map((l) => l.close()),
    );
    this.loggers.clear();
    await this.ws?.dispose();
    this.ws = undefined;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private socket(): WsClient {
    const o = this.options;
    this.ws ??= createWsClient({
      ...o.ws,
      url: o.wsUrl ?? o.url,
      token: o.token,
      webSocketImpl: o.webSocketImpl,
    });
    return this.ws;
  }

  private http(): HttpOptions {
    const o = this.options;
    return {
      url: o.url,
      token: o.token,
      ...(o.retry ? { retry: o.retry } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.headers ? { headers: o.headers } : {}),
    };
  }
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client as WsClient } from 'graphql-ws';

import { LogMetricsDocument } from './graphql/generated/graphql.ts';
import { postOperation, type HttpOptions } from './http.ts';
import { MetricLogger, type MetricLoggerOptions } from './metric-logger.ts';
import type { RetryOptions } from './retry.ts';
import { createWsClient, iterate, type LiveSubscription } from './ws.ts';

/** Options of a DistilleryClient. */
export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. http://localhost:4000/graphql (subscriptions use the same URL over ws). */
  url: string;
  /** An API token or session token (`Authorization: Bearer …`). */
  token?: string | undefined;
  retry?: RetryOptions;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The typed client: `request` over HTTP, `subscribe` over graphql-ws, and a batching metric logger. */
export class DistilleryClient {
  private ws: WsClient | undefined;
  private readonly loggers = new Set<MetricLogger>();

  constructor(readonly options: ClientOptions) {}

  /** Run a query or mutation; queries and idempotent mutations are retried on transient errors. */
  request<R, V>(
    doc: TypedDocumentNode<R, V>,
    ...variables: V extends Record<string, never> ? [V?] : [V]
  ): Promise<R> {
    const http: HttpOptions = { url: this.options.url, token: this.options.token, ...pick(this.options) };
    return postOperation(http, doc, variables[0]);
  }

  /** Iterate a subscription; `break` (or `return()`) unsubscribes. */
  subscribe<R, V>(doc: TypedDocumentNode<R, V>, variables: V): LiveSubscription<R> {
    this.ws ??= createWsClient({ url: this.options.url, token: this.options.token });
    return iterate(this.ws, doc, variables);
  }

  /** A logger that batches `logMetrics` for one run in the background (pass `attempt` with a RUNNER token). */
  metricLogger(runId: string, options: MetricLoggerOptions & { attempt?: number } = {}): MetricLogger {
    const { attempt, ...rest } = options;
    // Retries live in the logger (unbounded for transient errors), so each send is a single attempt.
    const http: HttpOptions = {
      url: this.options.url,
      token: this.options.token,
      ...pick(this.options),
      retry: { attempts: 1 },
    };
    const logger = new MetricLogger(async (points) => {
      await postOperation(http, LogMetricsDocument, {
        runId,
        points,
        ...(attempt === undefined ? {} : { attempt }),
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
}

function pick(o: ClientOptions): Partial<HttpOptions> {
  return {
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
  };
}

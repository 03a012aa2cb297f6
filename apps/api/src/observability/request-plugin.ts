import type { ApolloServerPlugin } from '@apollo/server';
import { AppErrorCode } from '@distillery/errors';
import type { Logger } from '@distillery/observe';

import type { Context } from '../context.ts';
import { type ApiMetrics, operationLabel } from './api-metrics.ts';

/**
 * One log line per operation (request id, operation name, actor, run/attempt when the variables name
 * one, duration, error codes), latency and error metrics by operation, and HTTP 503 for a response
 * whose errors say the database is unavailable (Apollo answers 200 for resolver errors).
 */
export function requestPlugin(log: Logger, metrics: ApiMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart(rc) {
      const started = process.hrtime.bigint();
      const requestId =
        (rc.request.http?.headers.get('x-request-id') ?? '').slice(0, 64) || crypto.randomUUID();
      rc.response.http.headers.set('x-request-id', requestId);
      return {
        async willSendResponse(ctx) {
          const operation = operationLabel(ctx.operationName);
          const type = ctx.operation?.operation ?? 'unknown';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.operationSeconds.observe({ operation, type }, seconds);
          const body = ctx.response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          const codes = errors.map((e) => String(e.extensions?.code ?? AppErrorCode.INTERNAL));
          for (const code of codes) metrics.operationErrors.inc({ operation, code });
          if (codes.includes(AppErrorCode.UNAVAILABLE)) ctx.response.http.status = 503;
          const vars = (ctx.request.variables ?? {}) as Record<string, unknown>;
          const actor = ctx.contextValue?.actor;
          log[codes.length ? 'warn' : 'info'](
            {
              requestId,
              operation,
              type,
              ms: Math.round(seconds * 1000),
              ...(actor ? { actor: actor.kind, userId: actor.userId ?? undefined } : {}),
              ...(typeof vars.runId === 'string' ? { runId: vars.runId } : {}),
              ...(typeof vars.attempt === 'number' ? { attempt: vars.attempt } : {}),
              ...(codes.length ? { codes } : {}),
            },
            'graphql operation',
          );
        },
      };
    },
  };
}

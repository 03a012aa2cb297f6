import type { Resolvers } from '../../generated/resolvers-types.ts';
import { appendRunLogs } from '../../modules/run-log/append-run-logs.ts';
import { runLogs } from '../../modules/run-log/read-run-logs.ts';
import { runLogAppended } from '../../modules/run-log/subscriptions.ts';

export const runLogResolvers: Resolvers = {
  Run: {
    logs: (r, a, ctx) => runLogs(ctx, { id: r.id!, projectId: r.projectId! }, a),
  },
  Mutation: {
    appendRunLogs: (_p, a, ctx) => appendRunLogs(ctx, a),
  },
  Subscription: {
    runLogAppended: {
      subscribe: (_p, a, ctx) => runLogAppended(ctx, a.runId, a.afterSeq ?? null),
      resolve: (payload: unknown) => payload as never,
    },
  },
};

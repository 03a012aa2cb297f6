import type { Resolvers } from '../../generated/resolvers-types.ts';
import { logMetrics } from '../../modules/metric/log-metrics.ts';
import { compareRuns, metricPoints, metricSeries } from '../../modules/metric/metric.service.ts';
import { metricsAppended } from '../../modules/metric/subscriptions.ts';

export const metricResolvers: Resolvers = {
  Query: {
    metricSeries: (_p, a, ctx) => metricSeries(ctx, a.runId, a.key, a.buckets),
    compareRuns: (_p, a, ctx) => compareRuns(ctx, a.ids, a.keys, a.buckets),
    metricPoints: (_p, a, ctx) => metricPoints(ctx, a.runId, a.first, a.after),
  },
  Mutation: {
    logMetrics: (_p, a, ctx) => logMetrics(ctx, a.runId, a.points, a.attempt, a.runnerId),
  },
  Subscription: {
    metricsAppended: {
      subscribe: (_p, a, ctx) => metricsAppended(ctx, a.runId, a.keys ?? null, a.sinceStep ?? null),
      resolve: (payload: unknown) => payload as never,
    },
  },
};

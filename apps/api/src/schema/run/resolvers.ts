import { notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { metricKeys } from '../../modules/metric/metric.service.ts';
import { finishRun } from '../../modules/run/finish-run.ts';
import { retryRun } from '../../modules/run/run-retry.ts';
import type { RunFilterInput, RunOrderInput } from '../../modules/run/run-search.ts';
import {
  cancelRun,
  createRun,
  deleteRun,
  getRun,
  listRuns,
  setRunNote,
  setRunTags,
} from '../../modules/run/run.service.ts';
import { runOfNotice, runUpdated } from '../../modules/run/subscriptions.ts';
import { pageSize } from '../../limits/paging.ts';

export const runResolvers: Resolvers = {
  Query: {
    runs: (_p, a, ctx) =>
      listRuns(
        ctx,
        a.projectId,
        a.filter as RunFilterInput | null,
        a.orderBy as RunOrderInput | null,
        a.first,
        a.after,
      ),
    run: (_p, a, ctx) => getRun(ctx, a.id),
  },
  Mutation: {
    createRun: (_p, a, ctx) => createRun(ctx, a.input),
    finishRun: (_p, a, ctx) => finishRun(ctx, a.input),
    setRunTags: (_p, a, ctx) => setRunTags(ctx, a.runId, a.tags),
    setRunNote: (_p, a, ctx) => setRunNote(ctx, a.runId, a.note),
    cancelRun: (_p, a, ctx) => cancelRun(ctx, a.runId),
    retryRun: (_p, a, ctx) => retryRun(ctx, a.runId),
    deleteRun: (_p, a, ctx) => deleteRun(ctx, a.runId),
  },
  Subscription: {
    runUpdated: {
      subscribe: (_p, a, ctx) => runUpdated(ctx, a.projectId),
      resolve: (payload: unknown, _a: unknown, ctx: Context) =>
        runOfNotice(ctx, payload as Parameters<typeof runOfNotice>[1]) as never,
    },
  },
  RunConnection: {
    totalCount: (c) => (c as unknown as { totalCount: () => Promise<number> }).totalCount(),
  },
  Run: {
    teacher: (r, _a, ctx) => ctx.loaders.teacherOfRun.load(r.id!),
    student: (r, _a, ctx) => ctx.loaders.studentOfRun.load(r.id!),
    ensemble: (r, _a, ctx) => ctx.loaders.ensembleOfRun.load(r.id!),
    checkpoints: (r, _a, ctx) => ctx.loaders.checkpointsOfRun.load(r.id!),
    events: async (r, a, ctx) =>
      (await ctx.loaders.eventsOfRun.load([r.id!, pageSize(a.last ?? 50, 'last', 1000)])).map((e) => ({
        ...e,
        id: String(e.id),
      })),
    metricKeys: (r, _a, ctx) => metricKeys(ctx, r.id!),
    predictions: (r, a, ctx) => ctx.loaders.predictionsOfRun.load([r.id!, a.splitRole ?? null]),
  },
  Prediction: {
    probsBase64: async (p, _a, ctx) => {
      const row = await ctx.loaders.predictionProbs.load(p.id!);
      if (!row) throw notFound('Prediction', p.id!);
      return Buffer.from(row.probs).toString('base64');
    },
  },
};

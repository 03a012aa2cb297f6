import type { Context } from '../../context.ts';
import type { Resolvers } from '../../generated/resolvers-types.ts';
import { metricKeys } from '../../modules/metric/metric.service.ts';
import { finishRun } from '../../modules/run/finish-run.ts';
import { launchExperiment } from '../../modules/run/launch-experiment.ts';
import {
  createExperiment,
  distillStudent,
  evaluateEnsemble,
  trainBaseline,
  trainTeachers,
} from '../../modules/run/run-launch.ts';
import { confusionRows, diversityFromSummary } from '../../modules/run/ensemble-results.ts';
import {
  getEnsemble,
  getExperiment,
  getStudent,
  listEnsembles,
  listStudents,
  listTeachers,
} from '../../modules/run/run-queries.ts';
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
    teachers: (_p, a, ctx) => listTeachers(ctx, a.projectId, a.first),
    students: (_p, a, ctx) => listStudents(ctx, a.projectId, a.first),
    student: (_p, a, ctx) => getStudent(ctx, a.id),
    ensembles: (_p, a, ctx) => listEnsembles(ctx, a.projectId, a.first),
    ensemble: (_p, a, ctx) => getEnsemble(ctx, a.id),
    experiment: (_p, a, ctx) => getExperiment(ctx, a.id),
  },
  Mutation: {
    createExperiment: (_p, a, ctx) => createExperiment(ctx, a.input),
    createRun: (_p, a, ctx) => createRun(ctx, a.input),
    finishRun: (_p, a, ctx) => finishRun(ctx, a.input),
    trainTeachers: (_p, a, ctx) => trainTeachers(ctx, a.input),
    evaluateEnsemble: (_p, a, ctx) => evaluateEnsemble(ctx, a.input),
    distillStudent: (_p, a, ctx) => distillStudent(ctx, a.input),
    trainBaseline: (_p, a, ctx) => trainBaseline(ctx, a.input),
    launchExperiment: (_p, a, ctx) => launchExperiment(ctx, a.input),
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
    teacher: (r, _a, ctx) => ctx.deps.prisma.teacher.findUnique({ where: { runId: r.id! } }),
    student: (r, _a, ctx) => ctx.deps.prisma.student.findUnique({ where: { runId: r.id! } }),
    ensemble: (r, _a, ctx) => ctx.deps.prisma.ensemble.findUnique({ where: { runId: r.id! } }),
    checkpoints: (r, _a, ctx) =>
      ctx.deps.prisma.checkpoint.findMany({
        where: { runId: r.id! },
        orderBy: [{ epoch: 'asc' }, { kind: 'asc' }],
      }),
    events: async (r, a, ctx) => {
      const rows = await ctx.deps.prisma.runEvent.findMany({
        where: { runId: r.id! },
        orderBy: { id: 'desc' },
        take: pageSize(a.last ?? 50, 'last', 1000),
      });
      return rows.reverse().map((e) => ({ ...e, id: String(e.id) }));
    },
    metricKeys: (r, _a, ctx) => metricKeys(ctx, r.id!),
    predictions: (r, a, ctx) =>
      ctx.deps.prisma.prediction.findMany({
        where: { runId: r.id!, ...(a.splitRole ? { splitRole: a.splitRole } : {}) },
        orderBy: [{ createdAt: 'asc' }, { splitRole: 'asc' }],
        // Matrices are megabytes each: read one only when its probsBase64 is selected.
        omit: { probs: true },
      }),
  },
  Prediction: {
    probsBase64: async (p, _a, ctx) => {
      const row = await ctx.deps.prisma.prediction.findUniqueOrThrow({
        where: { id: p.id! },
        select: { probs: true },
      });
      return Buffer.from(row.probs).toString('base64');
    },
  },
  Teacher: {
    run: (t, _a, ctx) => ctx.deps.prisma.run.findUniqueOrThrow({ where: { id: t.runId! } }),
    subset: (t, _a, ctx) =>
      t.subsetId
        ? ctx.deps.prisma.subset.findUnique({ where: { id: t.subsetId }, omit: { members: true } })
        : null,
    checkpoints: (t, _a, ctx) =>
      ctx.deps.prisma.checkpoint.findMany({ where: { teacherId: t.id! }, orderBy: { epoch: 'asc' } }),
  },
  Student: {
    run: (s, _a, ctx) => ctx.deps.prisma.run.findUniqueOrThrow({ where: { id: s.runId! } }),
    teachers: async (s, _a, ctx) =>
      (
        await ctx.deps.prisma.studentTeacher.findMany({
          where: { studentId: s.id! },
          orderBy: { position: 'asc' },
          include: { teacher: true },
        })
      ).map((x) => x.teacher),
    members: (s, _a, ctx) =>
      ctx.deps.prisma.studentTeacher.findMany({
        where: { studentId: s.id! },
        orderBy: { position: 'asc' },
        include: { teacher: true, checkpoint: true },
      }),
  },
  Ensemble: {
    run: (e, _a, ctx) => (e.runId ? ctx.deps.prisma.run.findUnique({ where: { id: e.runId } }) : null),
    members: (e, _a, ctx) =>
      ctx.deps.prisma.ensembleMember.findMany({
        where: { ensembleId: e.id! },
        orderBy: { position: 'asc' },
        include: { teacher: true },
      }),
    results: (e, _a, ctx) =>
      ctx.deps.prisma.ensembleResult.findMany({
        where: { ensembleId: e.id! },
        orderBy: [{ rule: 'asc' }, { splitRole: 'asc' }],
      }),
    diversity: async (e, _a, ctx) => {
      if (!e.runId) return null;
      const run = await ctx.deps.prisma.run.findUnique({ where: { id: e.runId }, select: { summary: true } });
      return diversityFromSummary(run?.summary);
    },
  },
  EnsembleResult: {
    confusion: (r) => confusionRows(r.confusion),
  },
  Experiment: {
    runs: (e, _a, ctx) =>
      ctx.deps.prisma.run.findMany({
        where: { experimentId: e.id!, deletedAt: null },
        orderBy: { createdAt: 'asc' },
        take: 10_000,
      }),
  },
};

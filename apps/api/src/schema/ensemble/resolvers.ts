import type { Resolvers } from '../../generated/resolvers-types.ts';
import { confusionRows, diversityFromSummary } from '../../modules/ensemble/ensemble-results.ts';
import { evaluateEnsemble } from '../../modules/ensemble/evaluate-ensemble.ts';
import { getEnsemble, listEnsembles } from '../../modules/ensemble/list-ensembles.ts';

export const ensembleResolvers: Resolvers = {
  Query: {
    ensembles: (_p, a, ctx) => listEnsembles(ctx, a.projectId, a.first),
    ensemble: (_p, a, ctx) => getEnsemble(ctx, a.id),
  },
  Mutation: {
    evaluateEnsemble: (_p, a, ctx) => evaluateEnsemble(ctx, a.input),
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
};

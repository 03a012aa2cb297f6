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
    run: (e, _a, ctx) => (e.runId ? ctx.loaders.run.load(e.runId) : null),
    members: (e, _a, ctx) => ctx.loaders.membersOfEnsemble.load(e.id!),
    results: (e, _a, ctx) => ctx.loaders.resultsOfEnsemble.load(e.id!),
    diversity: async (e, _a, ctx) =>
      e.runId ? diversityFromSummary((await ctx.loaders.run.load(e.runId))?.summary) : null,
  },
  EnsembleResult: {
    confusion: (r) => confusionRows(r.confusion),
  },
};

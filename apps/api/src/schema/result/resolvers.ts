import type { Resolvers } from '../../generated/resolvers-types.ts';
import { lineage } from '../../modules/result/lineage.ts';
import { resultsTable } from '../../modules/result/result.service.ts';

export const resultResolvers: Resolvers = {
  Query: {
    resultsTable: (_p, a, ctx) =>
      resultsTable(ctx, a.projectId, a.groupBy, a.metric, a.kinds, a.experimentId),
    lineage: (_p, a, ctx) => lineage(ctx, a.id),
  },
};

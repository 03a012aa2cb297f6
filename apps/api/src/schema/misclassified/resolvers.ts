import type { Resolvers } from '../../generated/resolvers-types.ts';
import { listMisclassified } from '../../modules/sample/misclassified.service.ts';

export const misclassifiedResolvers: Resolvers = {
  Run: {
    // Reading the run checked the caller's role in its project (VIEWER); its predictions are part of it.
    misclassified: (r, a, ctx) => listMisclassified(ctx, r.id!, { ...a, splitRole: a.splitRole ?? 'TEST' }),
  },
};

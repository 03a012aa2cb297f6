import type { Resolvers } from '../../generated/resolvers-types.ts';
import { trainBaseline } from '../../modules/baseline/train-baseline.ts';

export const baselineResolvers: Resolvers = {
  Mutation: {
    trainBaseline: (_p, a, ctx) => trainBaseline(ctx, a.input),
  },
};

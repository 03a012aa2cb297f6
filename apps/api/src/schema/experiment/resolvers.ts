import type { Resolvers } from '../../generated/resolvers-types.ts';
import { createExperiment } from '../../modules/experiment/create-experiment.ts';
import { getExperiment } from '../../modules/experiment/get-experiment.ts';
import { launchExperiment } from '../../modules/experiment/launch-experiment.ts';

export const experimentResolvers: Resolvers = {
  Query: {
    experiment: (_p, a, ctx) => getExperiment(ctx, a.id),
  },
  Mutation: {
    createExperiment: (_p, a, ctx) => createExperiment(ctx, a.input),
    launchExperiment: (_p, a, ctx) => launchExperiment(ctx, a.input),
  },
  Experiment: {
    runs: (e, _a, ctx) => ctx.loaders.runsOfExperiment.load(e.id!),
  },
};

import type { Resolvers } from '../../generated/resolvers-types.ts';
import { claimRun, heartbeat, reportRunStatus } from '../../modules/runner/runner.service.ts';

export const runnerResolvers: Resolvers = {
  Mutation: {
    claimRun: (_p, a, ctx) => claimRun(ctx, a.runId, a.runnerId),
    heartbeat: (_p, a, ctx) => heartbeat(ctx, a.runId, a.attempt),
    reportRunStatus: (_p, a, ctx) => reportRunStatus(ctx, a.input),
  },
};

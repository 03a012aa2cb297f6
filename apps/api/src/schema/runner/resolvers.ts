import type { Resolvers } from '../../generated/resolvers-types.ts';
import { claimRun } from '../../modules/runner/claim-run.ts';
import { heartbeatRun } from '../../modules/runner/heartbeat-run.ts';
import { reportRunStatus } from '../../modules/runner/report-run-status.ts';

export const runnerResolvers: Resolvers = {
  Mutation: {
    claimRun: (_p, a, ctx) => claimRun(ctx, a.runId, a.runnerId),
    heartbeat: (_p, a, ctx) => heartbeatRun(ctx, a.runId, a.attempt, a.runnerId),
    reportRunStatus: (_p, a, ctx) => reportRunStatus(ctx, a.input),
  },
};

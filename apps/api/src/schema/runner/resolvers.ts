import type { Resolvers } from '../../generated/resolvers-types.ts';
import { claimRun } from '../../modules/runner/claim-run.ts';
import { countQueuedJobs } from '../../modules/runner/count-queued-jobs.ts';
import { heartbeatRun } from '../../modules/runner/heartbeat-run.ts';
import { listRunners } from '../../modules/runner/list-runners.ts';
import { markRunnerStopped, registerRunner } from '../../modules/runner/register-runner.ts';
import { reportRunStatus } from '../../modules/runner/report-run-status.ts';
import {
  gpusOfRunner,
  projectOfRunner,
  readableHeldRuns,
  stateOfRunner,
} from '../../modules/runner/runner-fields.ts';

export const runnerResolvers: Resolvers = {
  Query: {
    runners: (_p, _a, ctx) => listRunners(ctx),
    jobQueues: (_p, _a, ctx) => countQueuedJobs(ctx),
  },
  Mutation: {
    claimRun: (_p, a, ctx) => claimRun(ctx, a.runId, a.runnerId),
    heartbeat: (_p, a, ctx) => heartbeatRun(ctx, a.runId, a.attempt, a.runnerId),
    reportRunStatus: (_p, a, ctx) => reportRunStatus(ctx, a.input),
    registerRunner: (_p, a, ctx) => registerRunner(ctx, a.input),
    markRunnerStopped: (_p, a, ctx) => markRunnerStopped(ctx, a.runnerId),
  },
  Runner: {
    gpus: (r) => gpusOfRunner(r),
    heartbeatAgeSeconds: (r) => r.ageMs / 1000,
    state: (r) => stateOfRunner(r),
    project: (r, _a, ctx) => projectOfRunner(ctx, r),
    heldRuns: (r, _a, ctx) => readableHeldRuns(ctx, r.id),
    heldRunCount: async (r, _a, ctx) => (await ctx.loaders.runsHeldByRunner.load(r.id)).length,
  },
};

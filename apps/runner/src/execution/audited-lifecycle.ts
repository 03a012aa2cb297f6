// A runner on the database records its lifecycle steps in the project's audit chain as a remote runner's
// API calls are recorded (claimRun, reportRunStatus), in the step's own transaction: a supervisor sees
// who ran what whichever way the runner is connected. Heartbeats are not recorded here; they change
// nothing a supervisor audits and would add one event every few seconds per run.
import { prismaQuery, type PrismaClient } from '@distillery/db';
import { appendAudit } from '@distillery/db/audit';
import {
  claimRun,
  finishRun,
  releaseRun,
  type ClaimOutcome,
  type ClaimRequest,
  type Finish,
  type Lease,
} from '@distillery/db/lifecycle';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Append a runner's SUCCESS event; the actor is the runner (no user, no token). */
function record(tx: Tx, projectId: string, operation: string, runId: string, args: object) {
  return appendAudit(prismaQuery(tx), {
    projectId,
    actorId: null,
    actorKind: 'RUNNER',
    operation,
    targetType: 'Run',
    targetId: runId,
    args,
    outcome: 'SUCCESS',
    errorCode: null,
  });
}

/** The lease fields every recorded step names: which run, which attempt, which runner. */
function heldBy(lease: Lease) {
  return { runId: lease.runId, attempt: lease.attempt, runnerId: lease.runnerId };
}

/** Claim a run and, when claimed, record `claimRun` by this runner in the same transaction. */
export function claimAudited(prisma: PrismaClient, req: ClaimRequest): Promise<ClaimOutcome> {
  return prisma.$transaction(async (tx) => {
    const outcome = await claimRun(tx, req);
    if (outcome.claimed)
      await record(tx, outcome.lease.projectId, 'claimRun', req.runId, {
        runId: req.runId,
        runnerId: req.runnerId,
        attempt: outcome.lease.attempt,
      });
    return outcome;
  });
}

/** End the attempt and record `reportRunStatus` with the final status (the summary stays on the run). */
export function finishAudited(prisma: PrismaClient, lease: Lease, finish: Finish) {
  return prisma.$transaction(async (tx) => {
    const done = await finishRun(tx, lease, finish);
    await record(tx, lease.projectId, 'reportRunStatus', lease.runId, {
      ...heldBy(lease),
      status: finish.status,
      ...(finish.reason ? { failureReason: finish.reason } : {}),
    });
    return done;
  });
}

/** Hand the run back to the queue and record it as `releaseRun` with the reason. */
export function releaseAudited(prisma: PrismaClient, lease: Lease, why: string) {
  return prisma.$transaction(async (tx) => {
    const status = await releaseRun(tx, lease, why);
    await record(tx, lease.projectId, 'releaseRun', lease.runId, {
      ...heldBy(lease),
      reason: why,
      status,
    });
    return status;
  });
}

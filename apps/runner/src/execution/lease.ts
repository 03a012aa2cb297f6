// The run record as a lease. A runner owns a run while `runnerId` names it and `attempt` is the one it
// claimed; every write it makes is conditioned on both (fencing), so a runner that was declared dead and
// comes back finds its writes refused. Timestamps are UTC because the columns are `timestamp(3)` without
// time zone and Prisma writes UTC.
import type { PrismaClient, Prisma } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

import { publishRunStatus } from './notify.ts';

/** Who holds a run: the fencing token carried by every write. */
export interface Lease {
  runId: string;
  projectId: string;
  attempt: number;
  runnerId: string;
}

/** The checkpoint a resumed attempt starts from. */
export interface ResumePoint {
  checkpointId: string;
  epoch: number;
  step: number;
  artifactUri: string;
}

/** What `claimRun` found. */
export type ClaimOutcome =
  | { claimed: true; lease: Lease; resume: ResumePoint | null; startedAt: Date }
  | { claimed: false; status: string | null };

type Db = PrismaClient | Prisma.TransactionClient;

/** Thrown when a write is refused because another attempt (or nobody) now holds the run. */
export class FencedError extends AppError {
  constructor(lease: Lease) {
    super(
      AppErrorCode.CONFLICT,
      `run ${lease.runId}: attempt ${lease.attempt} on ${lease.runnerId} no longer holds the run`,
    );
  }
}

/**
 * Claim a QUEUED run for `runnerId`: one conditional UPDATE, so of several runners racing for the same
 * run exactly one wins. Increments `attempt`. An attempt following an interruption resumes from the
 * newest epoch checkpoint; any other attempt (first run, retryRun) starts fresh.
 */
export async function claimRun(prisma: PrismaClient, runId: string, runnerId: string): Promise<ClaimOutcome> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ attempt: number; projectId: string; startedAt: Date; kind: string }[]>`
      UPDATE "Run" SET status = 'RUNNING', attempt = attempt + 1, "runnerId" = ${runnerId},
        "heartbeatAt" = timezone('UTC', now()), "startedAt" = coalesce("startedAt", timezone('UTC', now())),
        "finishedAt" = NULL, "failureReason" = NULL
      WHERE id = ${runId}::uuid AND status = 'QUEUED' AND "deletedAt" IS NULL
      RETURNING attempt, "projectId", "startedAt", kind::text`;
    const row = rows[0];
    if (!row) {
      const found = await tx.run.findUnique({ where: { id: runId }, select: { status: true } });
      return { claimed: false, status: found?.status ?? null };
    }
    const lease: Lease = { runId, projectId: row.projectId, attempt: row.attempt, runnerId };
    const last = await tx.runEvent.findFirst({
      where: { runId },
      orderBy: { id: 'desc' },
      select: { type: true },
    });
    const resume = last?.type === 'INTERRUPTED' ? await newestCheckpoint(tx, runId) : null;
    await tx.runEvent.create({
      data: {
        runId,
        attempt: lease.attempt,
        type: resume ? 'RESUMED' : 'STARTED',
        message: resume
          ? `resumed on ${runnerId} from epoch ${resume.epoch} checkpoint`
          : `claimed by ${runnerId}`,
      },
    });
    await publishRunStatus(tx, { projectId: row.projectId, runId, kind: row.kind }, 'RUNNING', 'CLAIMED');
    return { claimed: true, lease, resume, startedAt: row.startedAt };
  });
}

async function newestCheckpoint(tx: Db, runId: string): Promise<ResumePoint | null> {
  const cp = await tx.checkpoint.findFirst({
    where: { runId, kind: 'EPOCH', artifactId: { not: null } },
    orderBy: { epoch: 'desc' },
    include: { artifact: { select: { uri: true } } },
  });
  if (!cp?.artifact) return null;
  return { checkpointId: cp.id, epoch: cp.epoch, step: cp.step, artifactUri: cp.artifact.uri };
}

/** Why a heartbeat did not renew the lease. */
export type HeartbeatOutcome = 'ok' | 'cancelled' | 'fenced';

/** Renew the lease; reports a cancellation (status CANCELLED) or the loss of the lease. */
export async function heartbeat(prisma: PrismaClient, lease: Lease): Promise<HeartbeatOutcome> {
  const n = await prisma.$executeRaw`
    UPDATE "Run" SET "heartbeatAt" = timezone('UTC', now())
    WHERE id = ${lease.runId}::uuid AND attempt = ${lease.attempt} AND "runnerId" = ${lease.runnerId} AND status = 'RUNNING'`;
  if (n === 1) return 'ok';
  const run = await prisma.run.findUnique({
    where: { id: lease.runId },
    select: { status: true, attempt: true, runnerId: true },
  });
  const stillMine = run?.attempt === lease.attempt && run.runnerId === lease.runnerId;
  return stillMine && run.status === 'CANCELLED' ? 'cancelled' : 'fenced';
}

/**
 * Run `fn` in a transaction that first locks the run row FOR SHARE and checks the lease, so no reaper or
 * claim can change hands between the check and the write. Throws FencedError when the lease is gone.
 */
export async function withLease<T>(
  prisma: PrismaClient,
  lease: Lease,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const held = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Run" WHERE id = ${lease.runId}::uuid AND attempt = ${lease.attempt} AND "runnerId" = ${lease.runnerId}
      FOR SHARE`;
    if (held.length === 0) throw new FencedError(lease);
    return fn(tx);
  });
}

/** A terminal outcome written by the runner that holds the lease. */
export type Finish =
  | { status: 'SUCCEEDED'; summary: Prisma.InputJsonObject; parameterCount?: number | undefined }
  | { status: 'FAILED'; reason: string }
  | { status: 'CANCELLED'; reason: string };

/** End the attempt: status, summary/reason, finishedAt and a history event, all fenced. */
export async function finishRun(prisma: PrismaClient, lease: Lease, finish: Finish): Promise<void> {
  await withLease(prisma, lease, async (tx) => {
    const data =
      finish.status === 'SUCCEEDED'
        ? {
            summary: finish.summary,
            ...(finish.parameterCount === undefined ? {} : { parameterCount: finish.parameterCount }),
          }
        : { failureReason: finish.reason };
    const run = await tx.run.update({
      where: { id: lease.runId },
      data: { ...data, status: finish.status, finishedAt: new Date(), heartbeatAt: null },
    });
    await publishRunStatus(
      tx,
      { projectId: run.projectId, runId: run.id, kind: run.kind },
      finish.status,
      'FINISHED',
    );
    await tx.runEvent.create({
      data: {
        // The API already recorded CANCELLED when cancelRun was called; this event says the work stopped.
        runId: lease.runId,
        attempt: lease.attempt,
        type: finish.status === 'CANCELLED' ? 'STOPPED' : finish.status,
        message: finish.status === 'SUCCEEDED' ? `finished on ${lease.runnerId}` : finish.reason,
      },
    });
  });
}

/** Fail a run nobody holds (bad payload, failed dependency): only while it is still QUEUED. */
export async function failQueuedRun(prisma: PrismaClient, runId: string, reason: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ projectId: string; kind: string }[]>`
      UPDATE "Run" SET status = 'FAILED', "failureReason" = ${reason}, "finishedAt" = timezone('UTC', now())
      WHERE id = ${runId}::uuid AND status = 'QUEUED' RETURNING "projectId", kind::text`;
    const row = rows[0];
    if (!row) return false;
    await tx.runEvent.create({ data: { runId, type: 'FAILED', message: reason } });
    await publishRunStatus(tx, { projectId: row.projectId, runId, kind: row.kind }, 'FAILED', 'FINISHED');
    return true;
  });
}

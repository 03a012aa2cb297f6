// Claiming: one locked read and one update, so of several runners racing for the same run exactly one
// wins. A QUEUED run is claimable; so is a RUNNING run whose heartbeat has expired (its runner died and
// no reaper has taken it yet), whose lost attempt is recorded as INTERRUPTED first. A RUNNING run with a
// live heartbeat is never taken over, and neither is a script's run (createRun: no runner, attempt 0).
import type { Prisma } from '../generated/prisma/client.ts';
import { prismaQuery } from '../sql.ts';
import { DEFAULT_STALE_MS, inTransaction, UTC_NOW, type Db, type Lease } from './lease.ts';
import { notifyRunStatus } from './notify.ts';

/** The checkpoint a resumed attempt starts from. */
export interface ResumePoint {
  checkpointId: string;
  epoch: number;
  step: number;
  artifactUri: string;
}

/** Who claims, and how old a heartbeat may be before its run counts as abandoned. */
export interface ClaimRequest {
  runId: string;
  runnerId: string;
  /** The RUNNER token of an API caller (fences its later writes); omitted for runners on the database. */
  tokenId?: string | null | undefined;
  staleMs?: number | undefined;
}

/** What a claim found. */
export type ClaimOutcome =
  | { claimed: true; lease: Lease; resume: ResumePoint | null; startedAt: Date }
  | { claimed: false; status: string | null; reason: 'missing' | 'deleted' | 'live' | 'not-claimable' };

interface Found {
  status: string;
  projectId: string;
  kind: string;
  runnerId: string | null;
  heartbeatAt: Date | null;
  deleted: boolean;
  expired: boolean;
}

/**
 * Claim a run for `runnerId`: status RUNNING, attempt + 1 (the fencing token of every later write). An
 * attempt following an interruption resumes from the newest epoch checkpoint; any other attempt (first
 * run, retryRun) starts fresh. History: STARTED or RESUMED; listeners: RUNNING and CLAIMED.
 */
export async function claimRun(db: Db, req: ClaimRequest): Promise<ClaimOutcome> {
  const staleSecs = (req.staleMs ?? DEFAULT_STALE_MS) / 1000;
  return inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    const run = (
      await sql<Found>(
        `SELECT status::text AS status, "projectId", kind::text AS kind, "runnerId", "heartbeatAt",
                "deletedAt" IS NOT NULL AS deleted,
                coalesce("heartbeatAt" < ${UTC_NOW} - make_interval(secs => $2::float8), false) AS expired
         FROM "Run" WHERE id = $1::uuid FOR UPDATE`,
        [req.runId, staleSecs],
      )
    )[0];
    if (!run) return { claimed: false, status: null, reason: 'missing' };
    if (run.deleted) return { claimed: false, status: run.status, reason: 'deleted' };
    const abandoned = run.status === 'RUNNING' && run.runnerId !== null && run.expired;
    if (run.status === 'RUNNING' && !abandoned) return { claimed: false, status: run.status, reason: 'live' };
    if (run.status !== 'QUEUED' && !abandoned)
      return { claimed: false, status: run.status, reason: 'not-claimable' };
    if (abandoned) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "RunEvent" ("runId", attempt, type, message)
         SELECT id, attempt, 'INTERRUPTED', $2 FROM "Run" WHERE id = $1::uuid`,
        req.runId,
        `runner ${run.runnerId} stopped heartbeating (last ${run.heartbeatAt?.toISOString() ?? 'never'}); claimed by ${req.runnerId}`,
      );
    }
    const row = (
      await sql<{ attempt: number; startedAt: Date }>(
        `UPDATE "Run" SET status = 'RUNNING', attempt = attempt + 1, "runnerId" = $2, "runnerTokenId" = $3::uuid,
           "heartbeatAt" = ${UTC_NOW}, "startedAt" = coalesce("startedAt", ${UTC_NOW}),
           "finishedAt" = NULL, "failureReason" = NULL
         WHERE id = $1::uuid RETURNING attempt, "startedAt"`,
        [req.runId, req.runnerId, req.tokenId ?? null],
      )
    )[0]!;
    const lease: Lease = {
      runId: req.runId,
      projectId: run.projectId,
      attempt: row.attempt,
      runnerId: req.runnerId,
      tokenId: req.tokenId ?? null,
    };
    const last = await tx.runEvent.findFirst({
      where: { runId: req.runId },
      orderBy: { id: 'desc' },
      select: { type: true },
    });
    const resume = last?.type === 'INTERRUPTED' ? await newestCheckpoint(tx, req.runId) : null;
    await tx.runEvent.create({
      data: {
        runId: req.runId,
        attempt: lease.attempt,
        type: resume ? 'RESUMED' : 'STARTED',
        message: resume
          ? `resumed on ${req.runnerId} from epoch ${resume.epoch} checkpoint`
          : `claimed by ${req.runnerId}`,
      },
    });
    await notifyRunStatus(
      sql,
      { projectId: run.projectId, runId: req.runId, kind: run.kind },
      'RUNNING',
      'CLAIMED',
    );
    return { claimed: true, lease, resume, startedAt: row.startedAt };
  });
}

async function newestCheckpoint(tx: Prisma.TransactionClient, runId: string): Promise<ResumePoint | null> {
  const cp = await tx.checkpoint.findFirst({
    where: { runId, kind: 'EPOCH', artifactId: { not: null } },
    orderBy: { epoch: 'desc' },
    include: { artifact: { select: { uri: true } } },
  });
  if (!cp?.artifact) return null;
  return { checkpointId: cp.id, epoch: cp.epoch, step: cp.step, artifactUri: cp.artifact.uri };
}

// Ending an attempt and handing a run back. Both are fenced (the lease must still hold) and write the
// history and the notifications in the same transaction.
import type { Prisma } from '../generated/prisma/client.ts';
import { prismaQuery } from '../sql.ts';
import { inTransaction, lockLease, UTC_NOW, type Db, type LeaseKey } from './lease.ts';
import { notifyRunStatus } from './notify.ts';

/** A terminal outcome reported by the attempt holding the run. */
export interface Finish {
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  /** Merged into the run's summary (keys the run already has and the report omits are kept). */
  summary?: Prisma.InputJsonObject | Record<string, unknown> | null | undefined;
  parameterCount?: number | null | undefined;
  /** Why it failed or stopped. */
  reason?: string | null | undefined;
}

/** What a finish wrote: the run's final status (CANCELLED stays CANCELLED whatever was reported). */
export interface Finished {
  projectId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
}

/**
 * End the attempt: status, merged summary, reason, finishedAt, the history event (SUCCEEDED, FAILED, or
 * STOPPED after a cancellation, which the API recorded as CANCELLED when it was asked) and the
 * notifications; the lease is released. A run cancelled meanwhile ends CANCELLED even if the work
 * completed: the cancellation was asked for first.
 */
export async function finishRun(db: Db, lease: LeaseKey, finish: Finish): Promise<Finished> {
  return inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    const run = await lockLease(sql, lease, 'UPDATE');
    const status = run.status === 'CANCELLED' ? 'CANCELLED' : finish.status;
    const reason =
      finish.reason ??
      (status === 'CANCELLED' && finish.status !== 'CANCELLED' ? `it reported ${finish.status}` : null);
    await sql(
      `UPDATE "Run" SET status = $2::"RunStatus", summary = summary || $3::jsonb,
         "parameterCount" = coalesce($4::int, "parameterCount"),
         "failureReason" = CASE WHEN $2::text = 'SUCCEEDED' THEN NULL ELSE coalesce($5::text, "failureReason") END,
         "finishedAt" = ${UTC_NOW}, "heartbeatAt" = NULL
       WHERE id = $1::uuid RETURNING 1 AS done`,
      [lease.runId, status, JSON.stringify(finish.summary ?? {}), finish.parameterCount ?? null, reason],
    );
    await tx.runEvent.create({
      data: {
        runId: lease.runId,
        attempt: lease.attempt,
        type: status === 'CANCELLED' ? 'STOPPED' : status,
        message:
          status === 'SUCCEEDED'
            ? `finished on ${lease.runnerId}`
            : (reason ?? `stopped by ${lease.runnerId}`),
      },
    });
    await notifyRunStatus(
      sql,
      { projectId: run.projectId, runId: lease.runId, kind: run.kind },
      status,
      'FINISHED',
    );
    return { projectId: run.projectId, status };
  });
}

/** Progress of a RUNNING attempt (a RUNNING status report): renews the lease, merges summary keys. */
export async function reportProgress(
  db: Db,
  lease: LeaseKey,
  progress: Pick<Finish, 'summary' | 'parameterCount'>,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    await lockLease(sql, lease, 'UPDATE');
    await sql(
      `UPDATE "Run" SET summary = summary || $2::jsonb, "parameterCount" = coalesce($3::int, "parameterCount"),
         "heartbeatAt" = CASE WHEN status = 'RUNNING' THEN ${UTC_NOW} ELSE "heartbeatAt" END
       WHERE id = $1::uuid RETURNING 1 AS done`,
      [lease.runId, JSON.stringify(progress.summary ?? {}), progress.parameterCount ?? null],
    );
  });
}

/**
 * Hand the run back to the queue (the runner shuts down or lost its database): QUEUED, no runner, an
 * INTERRUPTED event; the next claim resumes from the newest checkpoint. A run cancelled meanwhile is
 * finished as CANCELLED instead. Returns the status the run is left in.
 */
export async function releaseRun(db: Db, lease: LeaseKey, why: string): Promise<'QUEUED' | 'CANCELLED'> {
  return inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    const run = await lockLease(sql, lease, 'UPDATE');
    if (run.status === 'CANCELLED') {
      await finishRun(tx, lease, {
        status: 'CANCELLED',
        reason: `cancelled; runner ${lease.runnerId} ${why}`,
      });
      return 'CANCELLED';
    }
    await sql(
      `UPDATE "Run" SET status = 'QUEUED', "runnerId" = NULL, "runnerTokenId" = NULL, "heartbeatAt" = NULL
       WHERE id = $1::uuid RETURNING 1 AS done`,
      [lease.runId],
    );
    await tx.runEvent.create({
      data: {
        runId: lease.runId,
        attempt: lease.attempt,
        type: 'INTERRUPTED',
        message: `runner ${lease.runnerId} ${why}`,
      },
    });
    await notifyRunStatus(sql, { projectId: run.projectId, runId: lease.runId }, 'QUEUED');
    return 'QUEUED';
  });
}

/** Fail a run nobody holds (bad payload, failed dependency): only while it is still QUEUED. */
export async function failQueuedRun(db: Db, runId: string, reason: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    const rows = await sql<{ projectId: string; kind: string }>(
      `UPDATE "Run" SET status = 'FAILED', "failureReason" = $2, "finishedAt" = ${UTC_NOW}
       WHERE id = $1::uuid AND status = 'QUEUED' RETURNING "projectId", kind::text AS kind`,
      [runId, reason],
    );
    const row = rows[0];
    if (!row) return false;
    await tx.runEvent.create({ data: { runId, type: 'FAILED', message: reason } });
    await notifyRunStatus(sql, { projectId: row.projectId, runId, kind: row.kind }, 'FAILED', 'FINISHED');
    return true;
  });
}

import { prismaQuery } from '../sql.ts';
import { inTransaction, UTC_NOW, type Db } from './lease.ts';
import { notifyRunStatus } from './notify.ts';

/** A RUNNING run whose heartbeat is older than the stale limit. */
export interface StaleRun {
  id: string;
  runnerId: string;
  heartbeatAt: Date | null;
}

/** RUNNING runs held by a runner whose heartbeat is older than `staleMs`. */
export async function findStaleRuns(db: Db, staleMs: number): Promise<StaleRun[]> {
  return prismaQuery(db)<StaleRun>(
    `SELECT id, "runnerId", "heartbeatAt" FROM "Run"
     WHERE status = 'RUNNING' AND "runnerId" IS NOT NULL
       AND "heartbeatAt" < ${UTC_NOW} - make_interval(secs => $1::float8)`,
    [staleMs / 1000],
  );
}

/**
 * Take the lease from a runner that stopped heartbeating: back to QUEUED (or FAILED when `exhausted`:
 * its job has no attempts left), with the INTERRUPTED event. Conditional on the run still being stale
 * and held by the same runner, so concurrent reapers (and a claim racing them) are harmless. Returns
 * false when someone else got there first.
 */
export async function expireLease(
  db: Db,
  run: StaleRun,
  staleMs: number,
  exhausted: boolean,
): Promise<boolean> {
  const lost = `runner ${run.runnerId} stopped heartbeating (last ${run.heartbeatAt?.toISOString() ?? 'never'})`;
  return inTransaction(db, async (tx) => {
    const sql = prismaQuery(tx);
    const rows = await sql<{ attempt: number; projectId: string; kind: string }>(
      `UPDATE "Run" SET "runnerId" = NULL, "runnerTokenId" = NULL, "heartbeatAt" = NULL,
         status = $3::"RunStatus", "failureReason" = $4::text, "finishedAt" = CASE WHEN $5::boolean THEN ${UTC_NOW} END
       WHERE id = $1::uuid AND status = 'RUNNING' AND "runnerId" = $2
         AND "heartbeatAt" < ${UTC_NOW} - make_interval(secs => $6::float8)
       RETURNING attempt, "projectId", kind::text AS kind`,
      [
        run.id,
        run.runnerId,
        exhausted ? 'FAILED' : 'QUEUED',
        exhausted ? `${lost}; no attempts left` : null,
        exhausted,
        staleMs / 1000,
      ],
    );
    const row = rows[0];
    if (!row) return false;
    await tx.runEvent.create({
      data: { runId: run.id, attempt: row.attempt, type: 'INTERRUPTED', message: lost },
    });
    if (exhausted)
      await tx.runEvent.create({
        data: { runId: run.id, attempt: row.attempt, type: 'FAILED', message: `${lost}; no attempts left` },
      });
    await notifyRunStatus(
      sql,
      { projectId: row.projectId, runId: run.id, kind: row.kind },
      exhausted ? 'FAILED' : 'QUEUED',
      exhausted ? 'FINISHED' : undefined,
    );
    return true;
  });
}

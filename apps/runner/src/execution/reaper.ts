// Every runner also watches the others: a RUNNING run whose heartbeat is older than `staleMs` belongs to
// a runner that died (kill -9, power loss, partition). The reaper takes the lease away (runnerId = NULL,
// status QUEUED), records the interruption in the run's history, and makes its job available again; the
// next claim resumes from the newest checkpoint. Conditional updates make concurrent reapers harmless.
import type { PrismaClient } from '@distillery/db';

import { findRunJob, unlockJob } from './job-locks.ts';
import { publishRunStatus } from './notify.ts';

/** What one sweep did, for logs and tests. */
export interface ReapResult {
  requeued: string[];
  failed: string[];
}

/** Requeue (or fail, when its job has no attempts left) every run whose runner stopped heartbeating. */
export async function reapStaleRuns(prisma: PrismaClient, staleMs: number): Promise<ReapResult> {
  const stale = await prisma.$queryRaw<{ id: string; runnerId: string | null; heartbeatAt: Date | null }[]>`
    SELECT id, "runnerId", "heartbeatAt" FROM "Run"
    WHERE status = 'RUNNING' AND "runnerId" IS NOT NULL
      AND "heartbeatAt" < timezone('UTC', now()) - make_interval(secs => ${staleMs / 1000}::float8)`;
  const result: ReapResult = { requeued: [], failed: [] };
  for (const run of stale) {
    const job = await findRunJob(prisma, run.id);
    const exhausted = !job || job.attempts >= job.maxAttempts;
    const lost = `runner ${run.runnerId} stopped heartbeating (last ${run.heartbeatAt?.toISOString() ?? 'never'})`;
    const taken = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ attempt: number; projectId: string }[]>`
        UPDATE "Run" SET "runnerId" = NULL, "heartbeatAt" = NULL,
          status = ${exhausted ? 'FAILED' : 'QUEUED'}::"RunStatus",
          "failureReason" = ${exhausted ? `${lost}; no attempts left` : null},
          "finishedAt" = ${exhausted ? new Date() : null}
        WHERE id = ${run.id}::uuid AND status = 'RUNNING' AND "runnerId" = ${run.runnerId}
          AND "heartbeatAt" < timezone('UTC', now()) - make_interval(secs => ${staleMs / 1000}::float8)
        RETURNING attempt, "projectId"`;
      const attempt = rows[0]?.attempt;
      if (attempt === undefined) return false;
      await publishRunStatus(
        tx,
        { projectId: rows[0]!.projectId, runId: run.id },
        exhausted ? 'FAILED' : 'QUEUED',
      );
      await tx.runEvent.create({ data: { runId: run.id, attempt, type: 'INTERRUPTED', message: lost } });
      if (exhausted) {
        await tx.runEvent.create({
          data: { runId: run.id, attempt, type: 'FAILED', message: `${lost}; no attempts left` },
        });
      }
      return true;
    });
    if (!taken) continue;
    if (exhausted) {
      result.failed.push(run.id);
    } else {
      await unlockJob(prisma, job.id);
      result.requeued.push(run.id);
    }
  }
  return result;
}

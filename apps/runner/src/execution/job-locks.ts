// graphile-worker 0.17.3 knows nothing of leases shorter than its hard-coded 4-hour lock timeout
// (sql/resetLockedAt.js, sql/getJobs.js), and its named queues are mutexes: one running job per queue
// name across the whole cluster. Runs here last hours and a queue name (`gpu`, `cpu`) is a routing
// label, so the runner manages those two locks itself, on graphile-worker's own tables:
//  - it refreshes `locked_at` of the job it runs with every heartbeat, so a live long run is never
//    handed out again after 4 hours;
//  - it releases the job's named-queue lock right after taking the job, so N runners run N jobs of the
//    `gpu` queue at once;
//  - the reaper unlocks the job of a runner that stopped heartbeating, so another runner resumes it
//    within a minute instead of four hours.
import type { PrismaClient } from '@distillery/db';

/** Keep graphile-worker's lock on a job we still run fresh. */
export async function refreshJobLock(prisma: PrismaClient, jobId: string, lockedBy: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = now()
    WHERE id = ${jobId}::bigint AND locked_by = ${lockedBy}`;
}

/** Let other runners take further jobs of the same named queue while this one runs. */
export async function releaseQueueLock(
  prisma: PrismaClient,
  jobQueueId: number | null,
  lockedBy: string,
): Promise<void> {
  if (jobQueueId == null) return;
  await prisma.$executeRaw`
    UPDATE graphile_worker._private_job_queues SET locked_at = NULL, locked_by = NULL
    WHERE id = ${jobQueueId}::int AND locked_by = ${lockedBy}`;
}

/** A queued-job row of a run, as the reaper needs it. */
export interface RunJob {
  id: string;
  lockedBy: string | null;
  attempts: number;
  maxAttempts: number;
}

/** The graphile-worker job that carries `runId` in its payload, if one exists. */
export async function findRunJob(prisma: PrismaClient, runId: string): Promise<RunJob | null> {
  const rows = await prisma.$queryRaw<
    { id: bigint; locked_by: string | null; attempts: number; max_attempts: number }[]
  >`
    SELECT id, locked_by, attempts, max_attempts FROM graphile_worker._private_jobs
    WHERE payload->>'runId' = ${runId} ORDER BY id DESC LIMIT 1`;
  const r = rows[0];
  return r
    ? { id: String(r.id), lockedBy: r.locked_by, attempts: r.attempts, maxAttempts: r.max_attempts }
    : null;
}

/** Make a dead runner's job available again, now. */
export async function unlockJob(prisma: PrismaClient, jobId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL, run_at = now()
    WHERE id = ${jobId}::bigint`;
}

// Every runner also watches the others: a RUNNING run whose heartbeat is older than `staleMs` belongs to
// a runner that died (kill -9, power loss, partition). The lifecycle's `expireLease` takes the lease away
// (QUEUED, or FAILED when the job has no attempts left) and records the interruption; the reaper then
// makes the job available again and the next claim resumes from the newest checkpoint. Conditional
// updates make concurrent reapers harmless.
import type { PrismaClient } from '@distillery/db';
import { expireLease, findStaleRuns } from '@distillery/db/lifecycle';

import { findRunJob, unlockJob } from './job-locks.ts';

/** What one sweep did, for logs and tests. */
export interface ReapResult {
  requeued: string[];
  failed: string[];
}

/** Requeue (or fail, when its job has no attempts left) every run whose runner stopped heartbeating. */
export async function reapStaleRuns(prisma: PrismaClient, staleMs: number): Promise<ReapResult> {
  const result: ReapResult = { requeued: [], failed: [] };
  for (const run of await findStaleRuns(prisma, staleMs)) {
    const job = await findRunJob(prisma, run.id);
    const exhausted = !job || job.attempts >= job.maxAttempts;
    if (!(await expireLease(prisma, run, staleMs, exhausted))) continue;
    if (exhausted) {
      result.failed.push(run.id);
    } else {
      await unlockJob(prisma, job.id);
      result.requeued.push(run.id);
    }
  }
  return result;
}

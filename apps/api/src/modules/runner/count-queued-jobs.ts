import { requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';

/** Most jobs counted per request: the page stays one cheap query however deep a backlog grows. */
export const JOBS_COUNTED = 10_000;

/** Jobs of one task in one queue, by what they wait for. */
export interface JobQueueDepth {
  queue: string;
  task: string;
  waiting: number;
  running: number;
  scheduled: number;
  failed: number;
}

/**
 * What graphile-worker's queue holds per queue and task (signed-in users; counts only, never payloads).
 * Finished jobs leave the table, so it holds the backlog alone; the scan stops at JOBS_COUNTED rows.
 */
export async function countQueuedJobs(ctx: Context): Promise<{ depths: JobQueueDepth[]; capped: boolean }> {
  requireUser(ctx);
  const { rows } = await ctx.deps.pool.query<JobQueueDepth & { total: number }>(
    `SELECT coalesce(q.queue_name, '') AS queue, t.identifier AS task,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now())::int AS waiting,
       count(*) FILTER (WHERE j.locked_at IS NOT NULL)::int AS running,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at > now())::int AS scheduled,
       count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts >= j.max_attempts)::int AS failed,
       sum(count(*)) OVER ()::int AS total
     FROM (SELECT task_id, job_queue_id, locked_at, attempts, max_attempts, run_at
           FROM graphile_worker._private_jobs LIMIT $1) j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [JOBS_COUNTED],
  );
  return {
    depths: rows.map(({ total: _total, ...d }) => d),
    capped: (rows[0]?.total ?? 0) >= JOBS_COUNTED,
  };
}

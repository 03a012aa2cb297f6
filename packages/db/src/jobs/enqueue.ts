import {
  DEFAULT_QUEUE,
  jobPayloadSchemas,
  type JobKind,
  type JobPayloadInput,
  type JobQueue,
} from '@distillery/domain';

import type { Prisma } from '../generated/prisma/client.ts';

/** Options of one enqueued job. */
export interface EnqueueOptions {
  queue?: JobQueue;
  maxAttempts?: number;
  /** Replaces a pending job with the same key (graphile-worker job_key). */
  jobKey?: string;
  runAt?: Date;
}

/**
 * Enqueue a job inside the caller's transaction, so the job exists exactly when the records it works
 * on do. The payload is validated against the kind's zod schema first. Returns the job id.
 */
export async function enqueueJob<K extends JobKind>(
  tx: Prisma.TransactionClient,
  kind: K,
  payload: JobPayloadInput<K>,
  options: EnqueueOptions = {},
): Promise<string> {
  const parsed = jobPayloadSchemas[kind].parse(payload);
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.add_job(
      ${kind}::text, ${JSON.stringify(parsed)}::json,
      queue_name => ${options.queue ?? DEFAULT_QUEUE[kind]}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? 3}::int,
      job_key => ${options.jobKey ?? null}::text)`;
  return String(rows[0]?.id);
}

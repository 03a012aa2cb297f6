import { prismaQuery, type Prisma } from '@distillery/db';
import { enqueueJob } from '@distillery/db/jobs';
import type { JobKind, JobPayloadInput } from '@distillery/domain';

import type { Context } from '../../context.ts';

/** Enqueue a run's job in the caller's transaction, record the QUEUED event and notify subscribers on commit. */
export async function enqueueRunJob<K extends JobKind>(
  ctx: Context,
  tx: Prisma.TransactionClient,
  kind: K,
  payload: JobPayloadInput<K>,
): Promise<void> {
  await enqueueJob(tx, kind, payload, { jobKey: `run:${payload.runId}` });
  // The payload is the run's one description of its job: a retry enqueues it again unchanged.
  await tx.run.update({
    where: { id: payload.runId },
    data: { job: { kind, payload } as unknown as Prisma.InputJsonObject },
  });
  await tx.runEvent.create({ data: { runId: payload.runId, type: 'QUEUED', message: kind } });
  await ctx.deps.pubsub.publish(prismaQuery(tx), 'distillery.job_queue', {
    projectId: payload.projectId,
    runId: payload.runId,
    kind,
    action: 'ENQUEUED',
    at: new Date().toISOString(),
  });
  await notifyRunUpdated(ctx, tx, payload.projectId, payload.runId, 'QUEUED');
}

/** Tell `runUpdated` subscribers (in every API process) about a run, on commit. */
export async function notifyRunUpdated(
  ctx: Context,
  tx: Prisma.TransactionClient,
  projectId: string,
  runId: string,
  status: string,
): Promise<void> {
  await ctx.deps.pubsub.publish(prismaQuery(tx), 'distillery.run_updated', { projectId, runId, status });
}

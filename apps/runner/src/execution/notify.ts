// The API's subscriptions listen on Postgres NOTIFY channels (typed in @distillery/db/pubsub); the runner
// writes run state and metrics directly, so it publishes the same notifications, inside the writing
// transaction (delivered on commit).
import type { Prisma, PrismaClient } from '@distillery/db';
import { NOTIFY_LIMIT, type Topic, type Topics } from '@distillery/db/pubsub';

/** Publish one notification (inside `db`'s transaction when it is one). */
export async function publish<T extends Topic>(
  db: PrismaClient | Prisma.TransactionClient,
  topic: T,
  payload: Topics[T],
): Promise<void> {
  let text = JSON.stringify(payload);
  if (Buffer.byteLength(text) >= NOTIFY_LIMIT && 'points' in payload) {
    text = JSON.stringify({
      ...payload,
      points: undefined,
      keys: Buffer.byteLength(JSON.stringify(payload.keys)) > 4000 ? [] : payload.keys,
    });
  }
  await db.$queryRaw`SELECT pg_notify(${topic}, ${text})::text AS sent`;
}

/** A run changed status: `runUpdated` subscribers and the job-queue feed hear of it. */
export async function publishRunStatus(
  db: PrismaClient | Prisma.TransactionClient,
  run: { projectId: string; runId: string; kind?: string },
  status: string,
  action?: 'CLAIMED' | 'FINISHED',
): Promise<void> {
  await publish(db, 'distillery.run_updated', { projectId: run.projectId, runId: run.runId, status });
  if (action && run.kind) {
    await publish(db, 'distillery.job_queue', {
      projectId: run.projectId,
      runId: run.runId,
      kind: run.kind,
      action,
      at: new Date().toISOString(),
    });
  }
}

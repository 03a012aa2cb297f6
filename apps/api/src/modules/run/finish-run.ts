// finishRun: the owner of a run made by createRun (a script logging its own training) ends it, as
// W&B's `run.finish()` does. Job runs are ended by the runner holding them (reportRunStatus) instead.
import { prismaQuery, type Run } from '@distillery/db';
import { TERMINAL_RUN_STATUSES } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { loadRun } from './run-access.ts';
import { notifyRunUpdated } from './run-jobs.ts';

const finishSchema = z.object({
  runId: z.uuid(),
  status: z.enum(TERMINAL_RUN_STATUSES, `must be one of ${TERMINAL_RUN_STATUSES.join(', ')}`),
  summary: z.record(z.string().min(1).max(200), z.unknown()).nullish(),
  failureReason: z.string().max(10_000).nullish(),
});

/**
 * True for a run no runner holds: createRun's runs are never claimed (attempt stays 0, no runnerId),
 * while every job run is claimed (attempt ≥ 1) before it can be RUNNING. This is the same fence the
 * runner's writes pass (runnerId + attempt), with "no runner, attempt 0" as the script's token.
 */
export function isScriptRun(run: Pick<Run, 'attempt' | 'runnerId'>): boolean {
  return run.attempt === 0 && run.runnerId === null;
}

/** End a RUNNING script run (its creator with MEMBER, or a project ADMIN); summary keys are merged. */
export async function finishRun(ctx: Context, raw: unknown) {
  const input = parseInput(finishSchema, raw);
  const run = await loadRun(ctx, input.runId, 'MEMBER');
  const role = await requireRole(ctx, run.projectId, 'MEMBER');
  if (run.createdById !== ctx.actor.userId && role !== 'ADMIN')
    throw new AppError(
      AppErrorCode.FORBIDDEN,
      `run ${run.id} was created by someone else; only its creator or a project ADMIN may finish it`,
      { field: 'runId' },
    );
  return audited(
    ctx,
    { operation: 'finishRun', targetType: 'Run', args: input, projectId: run.projectId, targetId: run.id },
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM "Run" WHERE id = $1::uuid FOR UPDATE`, run.id);
      const locked = (await tx.run.findUnique({ where: { id: run.id } }))!;
      if (!isScriptRun(locked))
        throw new AppError(
          AppErrorCode.CONFLICT,
          `run ${run.id} is executed by a runner; only runs made by createRun can be finished by their owner (cancel it instead)`,
          { field: 'runId' },
        );
      if (locked.status !== 'RUNNING' || locked.deletedAt)
        throw new AppError(
          AppErrorCode.CONFLICT,
          `run ${run.id} is ${locked.deletedAt ? 'deleted' : locked.status}, not RUNNING`,
          { field: 'runId' },
        );
      const now = new Date();
      const updated = await tx.run.update({
        where: { id: run.id },
        data: {
          status: input.status,
          finishedAt: now,
          ...(input.failureReason ? { failureReason: input.failureReason } : {}),
          ...(input.summary
            ? { summary: { ...(locked.summary as object), ...input.summary } as object }
            : {}),
        },
      });
      await tx.runEvent.create({
        data: { runId: run.id, type: input.status, message: input.failureReason ?? 'finished by its script' },
      });
      await ctx.deps.pubsub.publish(prismaQuery(tx), 'distillery.job_queue', {
        projectId: run.projectId,
        runId: run.id,
        kind: updated.kind,
        action: 'FINISHED',
        at: now.toISOString(),
      });
      await notifyRunUpdated(ctx, tx, run.projectId, run.id, updated.status);
      return updated;
    },
  );
}

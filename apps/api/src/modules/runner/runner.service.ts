import { AppError, AppErrorCode, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRunner } from '../../auth/roles.ts';
import type { Context } from '../../context.ts';
import { prismaSql } from '../../db/sql.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { notifyRunUpdated } from '../run/run-jobs.ts';
import type { Tx } from '../run/run.service.ts';

async function runnerRun(ctx: Context, runIdRaw: string, field = 'runId') {
  const id = parseId(field, runIdRaw);
  const run = await ctx.deps.prisma.run.findUnique({ where: { id }, select: { id: true, projectId: true } });
  if (!run) throw notFound('Run', id);
  requireRunner(ctx, run.projectId);
  return run;
}

async function lockRun(tx: Tx, id: string) {
  await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM "Run" WHERE id = $1::uuid FOR UPDATE`, id);
  return (await tx.run.findUnique({ where: { id } }))!;
}

function checkAttempt(run: { id: string; attempt: number }, attempt: number): void {
  if (attempt !== run.attempt)
    throw new AppError(
      AppErrorCode.CONFLICT,
      `attempt: ${attempt} is stale; the run is at attempt ${run.attempt}`,
      { field: 'attempt' },
    );
}

const runnerIdSchema = z.string().trim().min(1).max(200);

/** Claim a run for a runner: RUNNING, attempt + 1 (the fencing token every later write must carry). */
export async function claimRun(ctx: Context, runIdRaw: string, runnerIdRaw: unknown) {
  const runnerId = parseInput(runnerIdSchema, runnerIdRaw, 'runnerId');
  const { id, projectId } = await runnerRun(ctx, runIdRaw);
  return audited(
    ctx,
    { operation: 'claimRun', targetType: 'Run', args: { runId: id, runnerId }, projectId, targetId: id },
    async (tx) => {
      const run = await lockRun(tx, id);
      if (run.deletedAt || (run.status !== 'QUEUED' && run.status !== 'RUNNING')) {
        throw new AppError(
          AppErrorCode.CONFLICT,
          `run ${id} is ${run.deletedAt ? 'deleted' : run.status}; only QUEUED or RUNNING runs can be claimed`,
          { field: 'runId' },
        );
      }
      const now = new Date();
      const updated = await tx.run.update({
        where: { id },
        data: {
          status: 'RUNNING',
          attempt: { increment: 1 },
          runnerId,
          heartbeatAt: now,
          startedAt: run.startedAt ?? now,
        },
      });
      await tx.runEvent.create({
        data: { runId: id, type: 'CLAIMED', attempt: updated.attempt, message: runnerId },
      });
      await ctx.deps.pubsub.publish(prismaSql(tx), 'distillery.job_queue', {
        projectId,
        runId: id,
        kind: updated.kind,
        action: 'CLAIMED',
        at: now.toISOString(),
      });
      await notifyRunUpdated(ctx, tx, projectId, id, updated.status);
      return { run: updated, attempt: updated.attempt };
    },
  );
}

/** Record that the runner holding `attempt` is alive; returns the run so it sees a cancellation. */
export async function heartbeat(ctx: Context, runIdRaw: string, attempt: number) {
  const { id, projectId } = await runnerRun(ctx, runIdRaw);
  return audited(
    ctx,
    { operation: 'heartbeat', targetType: 'Run', args: { runId: id, attempt }, projectId, targetId: id },
    async (tx) => {
      const run = await lockRun(tx, id);
      checkAttempt(run, attempt);
      return tx.run.update({ where: { id }, data: { heartbeatAt: new Date() } });
    },
  );
}

const reportSchema = z.object({
  runId: z.uuid(),
  attempt: z.number().int().min(0),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  failureReason: z.string().max(10_000).nullish(),
  summary: z.record(z.string(), z.unknown()).nullish(),
  parameterCount: z.number().int().min(0).nullish(),
});

/** A status change from the runner holding the current attempt; summary keys are merged. */
export async function reportRunStatus(ctx: Context, raw: unknown) {
  const input = parseInput(reportSchema, raw, 'input');
  const { id, projectId } = await runnerRun(ctx, input.runId, 'input.runId');
  return audited(
    ctx,
    { operation: 'reportRunStatus', targetType: 'Run', args: input, projectId, targetId: id },
    async (tx) => {
      const run = await lockRun(tx, id);
      checkAttempt(run, input.attempt);
      if (run.status !== 'RUNNING')
        throw new AppError(AppErrorCode.CONFLICT, `run ${id} is ${run.status}, not RUNNING`, {
          field: 'input.status',
        });
      const terminal = input.status !== 'RUNNING';
      const updated = await tx.run.update({
        where: { id },
        data: {
          status: input.status,
          heartbeatAt: new Date(),
          ...(terminal ? { finishedAt: new Date() } : {}),
          ...(input.failureReason !== undefined ? { failureReason: input.failureReason } : {}),
          ...(input.parameterCount !== undefined && input.parameterCount !== null
            ? { parameterCount: input.parameterCount }
            : {}),
          ...(input.summary ? { summary: { ...(run.summary as object), ...input.summary } as object } : {}),
        },
      });
      await tx.runEvent.create({
        data: { runId: id, type: input.status, attempt: input.attempt, message: input.failureReason ?? '' },
      });
      if (terminal)
        await ctx.deps.pubsub.publish(prismaSql(tx), 'distillery.job_queue', {
          projectId,
          runId: id,
          kind: updated.kind,
          action: 'FINISHED',
          at: new Date().toISOString(),
        });
      await notifyRunUpdated(ctx, tx, projectId, id, updated.status);
      return updated;
    },
  );
}

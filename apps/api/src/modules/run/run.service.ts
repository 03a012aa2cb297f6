import { prismaQuery, type Run } from '@distillery/db';
import { AppError, AppErrorCode, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../limits/paging.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { loadRun } from './run-access.ts';
import { notifyRunUpdated } from './run-jobs.ts';
import { filterSql, orderSql, SqlParams, type RunFilterInput, type RunOrderInput } from './run-search.ts';

/** A run the caller can read, or null. */
export async function getRun(ctx: Context, idRaw: string) {
  const run = await ctx.deps.prisma.run.findUnique({ where: { id: parseId('id', idRaw) } });
  if (run) await requireRole(ctx, run.projectId, 'VIEWER');
  return run;
}

/** One page of a project's runs matching a filter (offset cursors; soft-deleted runs excluded). */
export async function listRuns(
  ctx: Context,
  projectIdRaw: string,
  filter: RunFilterInput | null | undefined,
  orderBy: RunOrderInput | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  const take = pageSize(first);
  const offset = after === null || after === undefined ? 0 : Number(decodeCursor('after', after));
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'after: is not a cursor returned by this API', {
      field: 'after',
    });
  const p = new SqlParams();
  const where = `r."projectId" = ${p.add(projectId, '::uuid')} AND r."deletedAt" IS NULL AND ${filterSql(filter, p)}`;
  const order = orderSql(orderBy, p);
  const rows = (
    await ctx.deps.pool.query<Run>(
      `SELECT r.* FROM "Run" r WHERE ${where} ORDER BY ${order} LIMIT ${take + 1} OFFSET ${offset}`,
      p.values,
    )
  ).rows;
  const page = rows.slice(0, take);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(String(offset + i + 1)), node }));
  const countParams = new SqlParams();
  const countWhere = `r."projectId" = ${countParams.add(projectId, '::uuid')} AND r."deletedAt" IS NULL AND ${filterSql(filter, countParams)}`;
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > take,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    /** Counted only when the client asks for it. */
    totalCount: async () =>
      Number(
        (
          await ctx.deps.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM "Run" r WHERE ${countWhere}`,
            countParams.values,
          )
        ).rows[0]?.n ?? 0,
      ),
  };
}

const createRunSchema = z.object({
  projectId: z.uuid(),
  kind: z.enum(['TEACHER', 'STUDENT', 'BASELINE', 'ENSEMBLE_EVAL', 'PREDICT', 'EXPERIMENT']),
  name: z.string().trim().min(1).max(200),
  params: z.record(z.string(), z.unknown()).nullish(),
  tags: z.array(z.string().trim().min(1).max(100)).max(50).nullish(),
  seed: z.number().int().nullish(),
});

/** A RUNNING run without a job, for scripts that train themselves and log metrics (MEMBER). */
export async function createRun(ctx: Context, raw: unknown) {
  const input = parseInput(createRunSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'MEMBER');
  return audited(
    ctx,
    { operation: 'createRun', targetType: 'Run', args: input, projectId: input.projectId },
    async (tx, scope) => {
      const run = await tx.run.create({
        data: {
          projectId: input.projectId,
          kind: input.kind,
          name: input.name,
          params: (input.params ?? {}) as object,
          tags: input.tags ?? [],
          seed: input.seed ?? 0,
          status: 'RUNNING',
          startedAt: new Date(),
          createdById: ctx.actor.userId,
        },
      });
      await tx.runEvent.create({ data: { runId: run.id, type: 'RUNNING', message: 'created by a script' } });
      await notifyRunUpdated(ctx, tx, run.projectId, run.id, run.status);
      scope.targetId = run.id;
      return run;
    },
  );
}

const tagsSchema = z.array(z.string().trim().min(1).max(100)).max(50);
const noteSchema = z.string().max(20_000);

/** Replace a run's tags (MEMBER). */
export async function setRunTags(ctx: Context, runId: string, rawTags: unknown) {
  const tags = [...new Set(parseInput(tagsSchema, rawTags, 'tags'))];
  return updateRun(ctx, 'setRunTags', runId, { tags }, { tags }, 'MEMBER');
}

/** Replace a run's note (MEMBER). */
export async function setRunNote(ctx: Context, runId: string, rawNote: unknown) {
  const note = parseInput(noteSchema, rawNote, 'note');
  return updateRun(
    ctx,
    'setRunNote',
    runId,
    { note: note.length > 200 ? `${note.slice(0, 200)}…` : note },
    { note },
    'MEMBER',
  );
}

/** Soft-delete a run (SUPERVISOR); its job, if pending, is removed. */
export async function deleteRun(ctx: Context, runIdRaw: string) {
  return updateRun(ctx, 'deleteRun', runIdRaw, {}, { deletedAt: new Date() }, 'SUPERVISOR', async (run) => {
    if (run.deletedAt)
      throw new AppError(AppErrorCode.CONFLICT, `run ${run.id} is already deleted`, { field: 'runId' });
  });
}

/** Cancel a QUEUED or RUNNING run; a pending job is removed, a running one stops at its next heartbeat (MEMBER). */
export async function cancelRun(ctx: Context, runIdRaw: string) {
  return updateRun(
    ctx,
    'cancelRun',
    runIdRaw,
    {},
    { status: 'CANCELLED', finishedAt: new Date() },
    'MEMBER',
    async (run, tx) => {
      if (run.status !== 'QUEUED' && run.status !== 'RUNNING')
        throw new AppError(
          AppErrorCode.CONFLICT,
          `run ${run.id} is ${run.status}; only QUEUED or RUNNING runs can be cancelled`,
          { field: 'runId' },
        );
      await tx.$queryRawUnsafe(`SELECT 1 AS removed FROM graphile_worker.remove_job($1)`, `run:${run.id}`);
      await tx.runEvent.create({
        data: { runId: run.id, type: 'CANCELLED', attempt: run.attempt, message: `by ${ctx.actor.userId}` },
      });
      await ctx.deps.pubsub.publish(prismaQuery(tx), 'distillery.job_queue', {
        projectId: run.projectId,
        runId: run.id,
        kind: run.kind,
        action: 'CANCELLED',
        at: new Date().toISOString(),
      });
    },
  );
}

/** A Prisma transaction client. */
export type Tx = Parameters<Parameters<typeof audited>[2]>[0];

/** Shared shape of the small run mutations: load, check, update, audit, notify. */
async function updateRun(
  ctx: Context,
  operation: string,
  runIdRaw: string,
  args: Record<string, unknown>,
  data: { tags?: string[]; note?: string; deletedAt?: Date; status?: 'CANCELLED'; finishedAt?: Date },
  min: 'MEMBER' | 'SUPERVISOR',
  check?: (run: Run, tx: Tx) => Promise<void>,
) {
  const run = await loadRun(ctx, runIdRaw, min);
  return audited(
    ctx,
    {
      operation,
      targetType: 'Run',
      args: { runId: run.id, ...args },
      projectId: run.projectId,
      targetId: run.id,
    },
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM "Run" WHERE id = $1::uuid FOR UPDATE`, run.id);
      const locked = await tx.run.findUnique({ where: { id: run.id } });
      if (!locked) throw notFound('Run', run.id);
      await check?.(locked, tx);
      const updated = await tx.run.update({ where: { id: run.id }, data });
      await notifyRunUpdated(ctx, tx, updated.projectId, updated.id, updated.status);
      return updated;
    },
  );
}

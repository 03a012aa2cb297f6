import type { Role } from '@distillery/db';
import { notFound } from '@distillery/errors';

import { requireRole, requireRunWriter } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** A run the caller may act on with `min` (NOT_FOUND when missing). */
export async function loadRun(ctx: Context, idRaw: string, min: Role, field = 'runId') {
  const id = parseId(field, idRaw);
  const run = await ctx.deps.prisma.run.findUnique({ where: { id } });
  if (!run) throw notFound('Run', id);
  await requireRole(ctx, run.projectId, min);
  return run;
}

/** A run a runner (of its project) or a MEMBER may write to. */
export async function loadRunForWrite(ctx: Context, idRaw: string, field = 'runId') {
  const id = parseId(field, idRaw);
  const run = await ctx.deps.prisma.run.findUnique({
    where: { id },
    select: { id: true, projectId: true, status: true, attempt: true, deletedAt: true },
  });
  if (!run) throw notFound('Run', id);
  const writer = await requireRunWriter(ctx, run.projectId);
  return { run, writer };
}

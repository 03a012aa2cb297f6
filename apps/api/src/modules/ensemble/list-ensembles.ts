import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pageSize } from '../../limits/paging.ts';
import { requireRole } from '../auth/roles.ts';

/** Ensembles of a project, newest first (VIEWER). */
export async function listEnsembles(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.ensemble.findMany({
    where: { projectId },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

/** An ensemble the caller can read (VIEWER), or null. */
export async function getEnsemble(ctx: Context, idRaw: string) {
  const e = await ctx.deps.prisma.ensemble.findUnique({ where: { id: parseId('id', idRaw) } });
  if (e) await requireRole(ctx, e.projectId, 'VIEWER');
  return e;
}

import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pageSize } from '../../limits/paging.ts';
import { requireRole } from '../auth/roles.ts';

/** Students of a project, newest first (VIEWER). */
export async function listStudents(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.student.findMany({
    where: { run: { projectId, deletedAt: null } },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

/** A student the caller can read (VIEWER), or null. */
export async function getStudent(ctx: Context, idRaw: string) {
  const s = await ctx.deps.prisma.student.findUnique({
    where: { id: parseId('id', idRaw) },
    include: { run: { select: { projectId: true } } },
  });
  if (s) await requireRole(ctx, s.run.projectId, 'VIEWER');
  return s;
}

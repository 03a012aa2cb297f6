import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pageSize } from '../../limits/paging.ts';
import { requireRole } from '../auth/roles.ts';

/** Teachers of a project, newest first (VIEWER). */
export async function listTeachers(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.teacher.findMany({
    where: { run: { projectId, deletedAt: null } },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** A project's saved runs-table views, everyone's, by name then owner (VIEWER). */
export async function listSavedViews(ctx: Context, projectIdRaw: string) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.savedView.findMany({
    where: { projectId },
    orderBy: [{ name: 'asc' }, { createdAt: 'asc' }],
    take: 1_000,
  });
}

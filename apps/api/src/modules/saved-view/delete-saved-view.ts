import { AppError, AppErrorCode } from '@distillery/errors';

import { requireRole, requireUser, roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { audited } from '../audit/audited.ts';

/** Delete a saved view: only the member who saved it (MEMBER in its project). */
export async function deleteSavedView(ctx: Context, idRaw: string) {
  const userId = requireUser(ctx);
  const id = parseId('id', idRaw);
  const view = await ctx.deps.prisma.savedView.findUnique({ where: { id } });
  // Someone else's project's view reads as missing, so ids of other projects are not confirmed.
  if (!view || !(await roleIn(ctx, view.projectId)))
    throw new AppError(AppErrorCode.NOT_FOUND, `saved view ${id} was not found`, { field: 'id' });
  await requireRole(ctx, view.projectId, 'MEMBER');
  if (view.ownerId !== userId)
    throw new AppError(AppErrorCode.FORBIDDEN, 'only the member who saved a view may delete it', {
      field: 'id',
    });
  return audited(
    ctx,
    {
      operation: 'deleteSavedView',
      targetType: 'SavedView',
      args: { id },
      projectId: view.projectId,
      targetId: id,
    },
    (tx) => tx.savedView.delete({ where: { id } }),
  );
}

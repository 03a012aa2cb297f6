import { AppError, AppErrorCode } from '@distillery/errors';

import { requireRole, requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { SAVED_VIEWS_PER_MEMBER, saveViewSchema } from './saved-view-state.ts';

/** Save a named runs-table view (MEMBER): a new one, or the caller's own view of that name replaced. */
export async function saveView(ctx: Context, raw: unknown) {
  const userId = requireUser(ctx);
  const input = parseInput(saveViewSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'MEMBER');
  return audited(
    ctx,
    { operation: 'saveView', targetType: 'SavedView', args: input, projectId: input.projectId },
    async (tx, scope) => {
      const key = { projectId: input.projectId, ownerId: userId, name: input.name };
      const existing = await tx.savedView.findUnique({ where: { projectId_ownerId_name: key } });
      if (!existing) {
        const count = await tx.savedView.count({ where: { projectId: input.projectId, ownerId: userId } });
        if (count >= SAVED_VIEWS_PER_MEMBER)
          throw new AppError(
            AppErrorCode.CONFLICT,
            `you have ${count} saved views in this project, the most there may be; delete one first`,
            { field: 'input.name' },
          );
      }
      const view = await tx.savedView.upsert({
        where: { projectId_ownerId_name: key },
        create: { ...key, state: input.state },
        update: { state: input.state },
      });
      scope.targetId = view.id;
      return view;
    },
  );
}

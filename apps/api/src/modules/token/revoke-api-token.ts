import { AppError, AppErrorCode } from '@distillery/errors';

import { requireRole, requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation } from '../auth/revoke.ts';

/** Revoke a token: its owner, or an ADMIN of the project a runner or project-scoped token is bound to. */
export async function revokeApiToken(ctx: Context, idRaw: string) {
  const userId = requireUser(ctx);
  const id = parseId('id', idRaw);
  const token = await ctx.deps.prisma.apiToken.findUnique({ where: { id } });
  if (!token) throw new AppError(AppErrorCode.NOT_FOUND, `API token ${id} was not found`, { field: 'id' });
  if (token.userId !== userId) {
    if (!token.projectId)
      throw new AppError(AppErrorCode.FORBIDDEN, 'only the owner may revoke a personal token');
    await requireRole(ctx, token.projectId, 'ADMIN', { allowArchived: true });
  }
  return audited(
    ctx,
    {
      operation: 'revokeApiToken',
      targetType: 'ApiToken',
      args: { id },
      projectId: token.projectId,
      targetId: id,
    },
    async (tx) => {
      if (token.revokedAt)
        throw new AppError(AppErrorCode.CONFLICT, `API token ${id} is already revoked`, { field: 'id' });
      const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
      await announceRevocation(ctx.deps, tx, { tokenIds: [id] });
      return revoked;
    },
  );
}

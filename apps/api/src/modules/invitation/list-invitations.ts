import { AppError, AppErrorCode, notFound } from '@distillery/errors';

import { requireRole, roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { audited } from '../audit/audited.ts';
import { requireSiteAdmin } from '../audit/verify-chain.ts';

/** Invitations newest first: a project's (its ADMINs) or the whole site's (site admins). */
export async function listInvitations(
  ctx: Context,
  projectIdRaw: string | null | undefined,
  pendingOnly = true,
) {
  const projectId = projectIdRaw ? parseId('projectId', projectIdRaw) : null;
  if (projectId) await requireRole(ctx, projectId, 'ADMIN', { allowArchived: true });
  else requireSiteAdmin(ctx);
  return ctx.deps.prisma.invitation.findMany({
    where: {
      ...(projectId ? { projectId } : {}),
      ...(pendingOnly ? { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } : {}),
    },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

/** A project's pending invitations for its ADMINs (others see none). */
export async function projectInvitations(ctx: Context, projectId: string) {
  if ((await roleIn(ctx, projectId)) !== 'ADMIN') return [];
  return listInvitations(ctx, projectId);
}

/** Revoke a pending invitation (its project's ADMINs, or site admins). */
export async function revokeInvitation(ctx: Context, idRaw: string) {
  const id = parseId('id', idRaw);
  const inv = await ctx.deps.prisma.invitation.findUnique({ where: { id } });
  if (!inv) throw notFound('invitation', id);
  if (inv.projectId && !inv.isSiteAdmin)
    await requireRole(ctx, inv.projectId, 'ADMIN', { allowArchived: true });
  else requireSiteAdmin(ctx);
  return audited(
    ctx,
    {
      operation: 'revokeInvitation',
      targetType: 'Invitation',
      args: { id },
      projectId: inv.projectId,
      targetId: id,
    },
    async (tx) => {
      const done = await tx.invitation.updateMany({
        where: { id, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (done.count !== 1)
        throw new AppError(AppErrorCode.CONFLICT, 'id: the invitation was already accepted or revoked', {
          field: 'id',
        });
      return tx.invitation.findUniqueOrThrow({ where: { id } });
    },
  );
}

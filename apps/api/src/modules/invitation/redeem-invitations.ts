import type { Prisma, Role } from '@distillery/db';

import { roleAtLeast } from '../auth/roles.ts';

/**
 * Accept every live invitation of `email` for the user just created with it: one membership per
 * invited project (the highest role when invited twice) and site admin if any invitation said so.
 * Used by acceptInvitation and by single sign-on, so an invited person may arrive either way.
 */
export async function redeemInvitations(
  tx: Prisma.TransactionClient,
  email: string,
  userId: string,
): Promise<{ ids: string[]; isSiteAdmin: boolean }> {
  const now = new Date();
  const live = await tx.invitation.findMany({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'asc' },
  });
  if (!live.length) return { ids: [], isSiteAdmin: false };
  const roles = new Map<string, Role>();
  for (const i of live) {
    if (!i.projectId || !i.role) continue;
    const had = roles.get(i.projectId);
    if (!had || !roleAtLeast(had, i.role)) roles.set(i.projectId, i.role);
  }
  for (const [projectId, role] of roles) await tx.membership.create({ data: { projectId, userId, role } });
  const ids = live.map((i) => i.id);
  await tx.invitation.updateMany({
    where: { id: { in: ids } },
    data: { acceptedAt: now, acceptedUserId: userId },
  });
  const isSiteAdmin = live.some((i) => i.isSiteAdmin);
  if (isSiteAdmin) await tx.user.update({ where: { id: userId }, data: { isSiteAdmin: true } });
  return { ids, isSiteAdmin };
}

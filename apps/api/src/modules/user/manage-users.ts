import { AppError, AppErrorCode, notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation, revokeUserAccess } from '../auth/revoke.ts';
import { ensureAnotherSiteAdmin, requireSiteAdminAccount } from './site-admins.ts';

/**
 * Disable a user (site admin): they cannot sign in, and every session and token they hold is revoked
 * at once, open WebSockets on every replica included. Enabling them again restores sign-in only;
 * revoked tokens stay revoked.
 */
export async function setUserDisabled(ctx: Context, idRaw: string, disabled: boolean) {
  const adminId = requireSiteAdminAccount(ctx);
  const id = parseId('id', idRaw);
  if (disabled && id === adminId)
    throw new AppError(AppErrorCode.CONFLICT, 'id: you cannot disable your own account', {
      field: 'id',
      details: { reason: 'SELF' },
    });
  return audited(
    ctx,
    { operation: disabled ? 'disableUser' : 'enableUser', targetType: 'User', args: { id }, targetId: id },
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id } });
      if (!user) throw notFound('user', id);
      if (Boolean(user.disabledAt) === disabled) return user;
      if (disabled && user.isSiteAdmin) await ensureAnotherSiteAdmin(tx, id);
      const updated = await tx.user.update({
        where: { id },
        data: { disabledAt: disabled ? new Date() : null },
      });
      if (disabled) await revokeUserAccess(ctx.deps, tx, id);
      return updated;
    },
  );
}

/** Grant or take back site admin (site admin); the last enabled site admin stays one. */
export async function setSiteAdmin(ctx: Context, idRaw: string, isSiteAdmin: boolean) {
  requireSiteAdminAccount(ctx);
  const id = parseId('id', idRaw);
  return audited(
    ctx,
    { operation: 'setSiteAdmin', targetType: 'User', args: { id, isSiteAdmin }, targetId: id },
    async (tx) => {
      const user = await tx.user.findUnique({ where: { id } });
      if (!user) throw notFound('user', id);
      if (user.isSiteAdmin === isSiteAdmin) return user;
      if (!isSiteAdmin) await ensureAnotherSiteAdmin(tx, id);
      const updated = await tx.user.update({ where: { id }, data: { isSiteAdmin } });
      // Cached actors and open sockets carry isSiteAdmin: a demotion must hold on the next operation,
      // so they are dropped (the user's session stays valid; clients reconnect as a plain user).
      if (!isSiteAdmin) await announceRevocation(ctx.deps, tx, { userIds: [id] });
      return updated;
    },
  );
}

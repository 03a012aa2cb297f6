import { AppError, AppErrorCode, notFound } from '@distillery/errors';
import { z } from 'zod';

import { hashSecret, TOKEN_PREFIX } from '../auth/tokens.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { trySend } from '../../mail/mailer.ts';
import { passwordResetMail } from '../../mail/templates.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation } from '../auth/revoke.ts';
import { hashNewPassword } from './new-password.ts';
import { deadLinkError, linkUrl, newLinkSecret, secretOf, unknownLinkError } from './one-time-link.ts';
import { requireSiteAdminAccount } from './site-admins.ts';

/**
 * Issue a one-time password reset link for a user (site admin). Earlier unused links of the user
 * stop working. The link is returned for the admin to pass on and mailed when SMTP is configured.
 */
export async function createPasswordReset(ctx: Context, userIdRaw: string) {
  const adminId = requireSiteAdminAccount(ctx);
  const userId = parseId('userId', userIdRaw);
  const { secret, tokenHash, expiresAt } = newLinkSecret(
    TOKEN_PREFIX.passwordLink,
    ctx.deps.accounts.resetHours * 3_600_000,
  );
  const user = await audited(
    ctx,
    { operation: 'createPasswordReset', targetType: 'User', args: { userId }, targetId: userId },
    async (tx) => {
      const u = await tx.user.findUnique({ where: { id: userId } });
      if (!u) throw notFound('user', userId);
      if (u.disabledAt)
        throw new AppError(AppErrorCode.CONFLICT, 'userId: the user is disabled; enable them first', {
          field: 'userId',
          details: { reason: 'ACCOUNT_DISABLED' },
        });
      await tx.passwordLink.deleteMany({ where: { userId, usedAt: null } });
      await tx.passwordLink.create({
        data: { userId, kind: 'RESET', tokenHash, expiresAt, createdById: adminId },
      });
      return u;
    },
  );
  const url = linkUrl(ctx.deps.accounts, 'reset', secret);
  const emailSent = await trySend(ctx.deps.mailer, passwordResetMail({ to: user.email, url, expiresAt }));
  return { user, url, expiresAt, emailSent };
}

/** What a reset or setup link is for (anyone holding it may ask), or a typed error when it cannot be used. */
export async function readPasswordLink(ctx: Context, token: string) {
  const link = await findLink(ctx, secretOf('token', token, TOKEN_PREFIX.passwordLink));
  return { email: link.user.email, name: link.user.name, kind: link.kind, expiresAt: link.expiresAt };
}

async function findLink(ctx: Context, secret: string) {
  const link = await ctx.deps.prisma.passwordLink.findUnique({
    where: { tokenHash: hashSecret(secret) },
    include: { user: true },
  });
  if (!link) throw unknownLinkError('token', 'password');
  const dead = deadLinkError('token', link, 'password');
  if (dead) throw dead;
  if (link.user.disabledAt)
    throw new AppError(AppErrorCode.FORBIDDEN, 'this account is disabled; ask a site admin', {
      details: { reason: 'ACCOUNT_DISABLED' },
    });
  return link;
}

const resetSchema = z.object({ token: z.string().max(2000), password: z.string().max(1000) });

/**
 * Set a password with a one-time link (reset or first-admin setup). The link is spent in the same
 * transaction that sets the password (a second use, even concurrent, is refused); every session of
 * the user ends. The caller then signs in as usual.
 */
export async function resetPassword(ctx: Context, raw: unknown) {
  const input = parseInput(resetSchema, raw, 'input');
  const link = await findLink(ctx, secretOf('input.token', input.token, TOKEN_PREFIX.passwordLink));
  const passwordHash = await hashNewPassword('input.password', input.password, link.user.email);
  const actorCtx: Context = {
    ...ctx,
    actor: { ...ctx.actor, kind: 'USER', userId: link.userId, isSiteAdmin: link.user.isSiteAdmin },
  };
  return audited(
    actorCtx,
    { operation: 'resetPassword', targetType: 'User', args: { kind: link.kind }, targetId: link.userId },
    async (tx) => {
      const spent = await tx.passwordLink.updateMany({
        where: { id: link.id, usedAt: null },
        data: { usedAt: new Date() },
      });
      if (spent.count !== 1)
        throw new AppError(AppErrorCode.CONFLICT, 'input.token: this password link was already used', {
          field: 'input.token',
          details: { reason: 'LINK_USED' },
        });
      const user = await tx.user.update({ where: { id: link.userId }, data: { passwordHash } });
      const sessions = await tx.session.findMany({ where: { userId: link.userId }, select: { id: true } });
      if (sessions.length) {
        const sessionIds = sessions.map((s) => s.id);
        await tx.session.deleteMany({ where: { id: { in: sessionIds } } });
        await announceRevocation(ctx.deps, tx, { sessionIds });
      }
      return user;
    },
  );
}

import { verifyPassword } from '@distillery/db/seed';
import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireAccount } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation } from '../auth/revoke.ts';
import { hashNewPassword } from './new-password.ts';

const changeSchema = z.object({
  currentPassword: z.string().max(1000).nullish(),
  newPassword: z.string().max(1000),
});

/**
 * Change the caller's password. The current one is required (when there is one) and wrong guesses
 * count against the sign-in throttle, so a stolen session cannot be turned into the password; the
 * caller's other sessions end, the one in use and API tokens stay.
 */
export async function changePassword(ctx: Context, raw: unknown) {
  const userId = requireAccount(ctx);
  const input = parseInput(changeSchema, raw, 'input');
  const user = await ctx.deps.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.passwordHash) {
    await ctx.deps.loginThrottle.check(user.email, ctx.address);
    if (!input.currentPassword || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      await ctx.deps.loginThrottle.fail(user.email, ctx.address);
      throw new AppError(AppErrorCode.BAD_USER_INPUT, 'input.currentPassword: is not your current password', {
        field: 'input.currentPassword',
        details: { reason: 'WRONG_PASSWORD' },
      });
    }
  } else if (!ctx.actor.sessionId) {
    // An account without a password (single sign-on) gets its first one only from a signed-in session.
    throw new AppError(AppErrorCode.FORBIDDEN, 'set a first password from a dashboard session');
  }
  const passwordHash = await hashNewPassword('input.newPassword', input.newPassword, user.email);
  return audited(
    ctx,
    { operation: 'changePassword', targetType: 'User', args: {}, targetId: userId },
    async (tx) => {
      await tx.user.update({ where: { id: userId }, data: { passwordHash } });
      const others = await tx.session.findMany({
        where: { userId, ...(ctx.actor.sessionId ? { id: { not: ctx.actor.sessionId } } : {}) },
        select: { id: true },
      });
      if (others.length) {
        const sessionIds = others.map((s) => s.id);
        await tx.session.deleteMany({ where: { id: { in: sessionIds } } });
        await announceRevocation(ctx.deps, tx, { sessionIds });
      }
      return true;
    },
  );
}

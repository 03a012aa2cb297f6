import { hashPassword, needsRehash, verifyDummy, verifyPassword } from '@distillery/db/seed';
import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { generateSecret, hashSecret, TOKEN_PREFIX } from './tokens.ts';
import { requireUser } from './roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation } from './revoke.ts';
import { recordSignInFailure } from './sign-in-audit.ts';

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  password: z.string().min(1).max(1000),
});

/**
 * Exchange credentials for a session token. Throttled per account and per address; an unknown email
 * costs the same hash as a wrong password (no timing oracle); a hash weaker than today's parameters
 * is replaced; a failed attempt is audited in the site chain without the password.
 */
export async function signIn(ctx: Context, email: string, password: string) {
  const input = parseInput(signInSchema, { email, password });
  const throttle = ctx.deps.loginThrottle;
  await throttle.check(input.email, ctx.address);
  const user = await ctx.deps.prisma.user.findUnique({ where: { email: input.email } });
  const ok = user?.passwordHash
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyDummy(input.password);
  if (!user || !ok) {
    await throttle.fail(input.email, ctx.address);
    await recordSignInFailure(ctx, input.email, user?.id ?? null);
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'email or password is wrong');
  }
  await throttle.succeed(input.email);
  if (user.disabledAt) {
    // Said only after the right password, so it reveals nothing to a guesser.
    await recordSignInFailure(ctx, input.email, user.id, 'FORBIDDEN');
    throw new AppError(AppErrorCode.FORBIDDEN, 'this account is disabled; ask a site admin', {
      details: { reason: 'ACCOUNT_DISABLED' },
    });
  }
  const rehash =
    user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const token = generateSecret(TOKEN_PREFIX.session);
  const expiresAt = new Date(Date.now() + ctx.deps.env.API_SESSION_DAYS * 86_400_000);
  const actorCtx: Context = {
    ...ctx,
    actor: { ...ctx.actor, kind: 'USER', userId: user.id, isSiteAdmin: user.isSiteAdmin },
  };
  return audited(
    actorCtx,
    { operation: 'signIn', targetType: 'Session', args: { email: input.email } },
    async (tx, scope) => {
      const session = await tx.session.create({
        data: { userId: user.id, tokenHash: hashSecret(token), expiresAt },
      });
      await tx.user.update({
        where: { id: user.id },
        data: { lastSignInAt: new Date(), ...(rehash ? { passwordHash: rehash } : {}) },
      });
      scope.targetId = session.id;
      return { token, expiresAt, user };
    },
  );
}

/** Delete the session that authorised the request. */
export async function signOut(ctx: Context): Promise<boolean> {
  requireUser(ctx);
  const sessionId = ctx.actor.sessionId;
  if (!sessionId)
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      'signOut ends dashboard sessions; revoke API tokens with revokeApiToken',
    );
  return audited(
    ctx,
    { operation: 'signOut', targetType: 'Session', args: {}, targetId: sessionId },
    async (tx) => {
      await tx.session.deleteMany({ where: { id: sessionId } });
      await announceRevocation(ctx.deps, tx, { sessionIds: [sessionId] });
      return true;
    },
  );
}

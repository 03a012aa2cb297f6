import { hashPassword, needsRehash, verifyDummy, verifyPassword } from '@distillery/db/seed';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { z } from 'zod';

import { generateSecret, hashSecret, TOKEN_PREFIX } from '../../auth/tokens.ts';
import { requireRole, requireUser } from '../../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
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
      if (rehash) await tx.user.update({ where: { id: user.id }, data: { passwordHash: rehash } });
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

const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['USER', 'RUNNER']),
  projectId: z.uuid().nullish(),
  expiresInDays: z.number().int().min(1).max(365).nullish(),
});

/** Create a token; the secret is returned once and only its hash is stored. */
export async function createApiToken(ctx: Context, raw: unknown) {
  const userId = requireUser(ctx);
  const input = parseInput(createTokenSchema, raw, 'input');
  if (input.kind === 'RUNNER' && !input.projectId)
    throw badInput('input.projectId', null, 'RUNNER tokens are bound to a project');
  if (input.projectId) await requireRole(ctx, input.projectId, input.kind === 'RUNNER' ? 'ADMIN' : 'VIEWER');
  const secret = generateSecret(input.kind === 'RUNNER' ? TOKEN_PREFIX.runner : TOKEN_PREFIX.api);
  return audited(
    ctx,
    { operation: 'createApiToken', targetType: 'ApiToken', args: input, projectId: input.projectId ?? null },
    async (tx, scope) => {
      const token = await tx.apiToken.create({
        data: {
          userId,
          name: input.name,
          kind: input.kind,
          projectId: input.projectId ?? null,
          prefix: secret.slice(0, 8),
          tokenHash: hashSecret(secret),
          expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
        },
      });
      scope.targetId = token.id;
      return { secret, token };
    },
  );
}

/** Revoke a token: its owner, or an ADMIN of the token's project. */
export async function revokeApiToken(ctx: Context, idRaw: string) {
  const userId = requireUser(ctx);
  const id = parseId('id', idRaw);
  const token = await ctx.deps.prisma.apiToken.findUnique({ where: { id } });
  if (!token) throw new AppError(AppErrorCode.NOT_FOUND, `API token ${id} was not found`, { field: 'id' });
  if (token.userId !== userId) {
    if (!token.projectId)
      throw new AppError(AppErrorCode.FORBIDDEN, 'only the owner may revoke a personal token');
    await requireRole(ctx, token.projectId, 'ADMIN');
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

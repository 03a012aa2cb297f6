import type { Role } from '@distillery/db';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { z } from 'zod';

import { generateSecret, hashSecret, TOKEN_PREFIX } from '../auth/tokens.ts';
import { requireRole, requireUser, roleAtLeast } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';

const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['USER', 'RUNNER']),
  projectId: z.uuid().nullish(),
  access: z.enum(['READ_ONLY', 'READ_WRITE']).nullish(),
  expiresInDays: z.number().int().min(1).max(365).nullish(),
});

const scopeError = (message: string) =>
  new AppError(AppErrorCode.FORBIDDEN, message, {
    field: 'input.projectId',
    details: { reason: 'SCOPE_EXCEEDS_ROLE' },
  });

/**
 * Refuse a USER token wider than its creator: a project scope needs a membership there (a token acts
 * with it; site-admin rights never travel in a project token), READ_WRITE needs MEMBER, and a token
 * used to create another cannot widen itself (project-scoped makes only its own project's).
 */
async function checkUserScope(ctx: Context, userId: string, projectId: string | null, access: string) {
  if (ctx.actor.projectId && projectId !== ctx.actor.projectId)
    throw scopeError('a project-scoped token can only create tokens for its own project');
  if (!projectId) return;
  const m = await ctx.deps.prisma.membership.findUnique({
    where: { projectId_userId: { projectId, userId } },
    select: { role: true },
  });
  if (!m) throw scopeError('you are not a member of this project, so a token scoped to it could do nothing');
  const needed: Role = access === 'READ_WRITE' ? 'MEMBER' : 'VIEWER';
  if (!roleAtLeast(m.role, needed))
    throw scopeError(`a ${access} token needs the ${needed} role in the project; you are ${m.role}`);
}

/** Create a token; the secret is returned once and only its hash is stored. */
export async function createApiToken(ctx: Context, raw: unknown) {
  const userId = requireUser(ctx);
  const input = parseInput(createTokenSchema, raw, 'input');
  const projectId = input.projectId ?? null;
  const access = input.kind === 'RUNNER' ? 'READ_WRITE' : (input.access ?? 'READ_WRITE');
  if (input.kind === 'RUNNER') {
    if (!projectId) throw badInput('input.projectId', null, 'RUNNER tokens are bound to a project');
    await requireRole(ctx, projectId, 'ADMIN');
  } else {
    await checkUserScope(ctx, userId, projectId, access);
  }
  const secret = generateSecret(input.kind === 'RUNNER' ? TOKEN_PREFIX.runner : TOKEN_PREFIX.api);
  return audited(
    ctx,
    {
      operation: 'createApiToken',
      targetType: 'ApiToken',
      args: { ...input, access },
      projectId,
    },
    async (tx, scope) => {
      const token = await tx.apiToken.create({
        data: {
          userId,
          name: input.name,
          kind: input.kind,
          projectId,
          access,
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

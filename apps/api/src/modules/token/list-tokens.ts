import { requireUser, roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';

/** The caller's own tokens, newest first, without secrets (revoked ones too, marked). */
export function listMyTokens(ctx: Context, userId: string | undefined) {
  if (!userId || ctx.actor.kind !== 'USER' || ctx.actor.userId !== userId) return [];
  return ctx.deps.prisma.apiToken.findMany({
    where: { userId, ...(ctx.actor.projectId ? { projectId: ctx.actor.projectId } : {}) },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

/** A project's runner tokens, whoever made them (ADMINs only; others see none). */
export async function listRunnerTokens(ctx: Context, projectId: string) {
  requireUser(ctx);
  if ((await roleIn(ctx, projectId)) !== 'ADMIN') return [];
  return ctx.deps.prisma.apiToken.findMany({
    where: { projectId, kind: 'RUNNER' },
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

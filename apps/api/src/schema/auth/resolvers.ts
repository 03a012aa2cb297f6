import type { Resolvers } from '../../generated/resolvers-types.ts';
import { createApiToken, revokeApiToken } from '../../modules/auth/auth.service.ts';

/** Only the signed-in user sees their own memberships and tokens. */
const isSelf = (ctx: { actor: { userId: string | null } }, id: string | undefined) =>
  Boolean(id) && ctx.actor.userId === id;

export const authResolvers: Resolvers = {
  User: {
    memberships: (u, _a, ctx) =>
      isSelf(ctx, u.id)
        ? ctx.deps.prisma.membership.findMany({ where: { userId: u.id! }, orderBy: { createdAt: 'asc' } })
        : [],
    apiTokens: (u, _a, ctx) =>
      isSelf(ctx, u.id)
        ? ctx.deps.prisma.apiToken.findMany({ where: { userId: u.id! }, orderBy: { createdAt: 'desc' } })
        : [],
  },
  Mutation: {
    createApiToken: (_p, a, ctx) => createApiToken(ctx, a.input),
    revokeApiToken: (_p, a, ctx) => revokeApiToken(ctx, a.id),
  },
};

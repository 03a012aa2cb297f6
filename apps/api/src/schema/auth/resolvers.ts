import type { Resolvers } from '../../generated/resolvers-types.ts';
import { listMyTokens } from '../../modules/token/list-tokens.ts';

/** Only the signed-in user sees their own memberships and tokens. */
const isSelf = (ctx: { actor: { userId: string | null } }, id: string | undefined) =>
  Boolean(id) && ctx.actor.userId === id;

export const authResolvers: Resolvers = {
  User: {
    memberships: (u, _a, ctx) =>
      isSelf(ctx, u.id) ? ctx.loaders.membershipsOfUser.load([u.id!, ctx.actor.projectId ?? '']) : [],
    apiTokens: (u, _a, ctx) => listMyTokens(ctx, u.id),
  },
};

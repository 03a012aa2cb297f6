import type { Resolvers } from '../../generated/resolvers-types.ts';
import { signIn, signOut } from '../../modules/auth/auth.service.ts';
import { jobQueueChanged } from '../../modules/runner/subscriptions.ts';
import { DateTimeScalar, JsonScalar } from './scalars.ts';

export const baseResolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: JsonScalar,
  Query: {
    me: (_p, _a, ctx) =>
      ctx.actor.kind === 'USER' && ctx.actor.userId
        ? ctx.deps.prisma.user.findUnique({ where: { id: ctx.actor.userId } })
        : null,
  },
  Mutation: {
    signIn: (_p, a, ctx) => signIn(ctx, a.email, a.password),
    signOut: (_p, _a, ctx) => signOut(ctx),
  },
  Subscription: {
    jobQueueChanged: {
      subscribe: (_p, a, ctx) => jobQueueChanged(ctx, a.projectId ?? null),
      resolve: (payload: unknown) => payload as never,
    },
  },
};

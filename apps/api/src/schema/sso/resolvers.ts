import type { Resolvers } from '../../generated/resolvers-types.ts';
import { finishOidcSignIn } from '../../modules/sso/finish-oidc-sign-in.ts';
import { startOidcSignIn } from '../../modules/sso/start-oidc-sign-in.ts';

export const ssoResolvers: Resolvers = {
  Query: {
    signInOptions: (_p, _a, ctx) => ({
      password: true,
      oidc: ctx.deps.oidc ? { label: ctx.deps.oidc.settings.label } : null,
    }),
  },
  Mutation: {
    startOidcSignIn: (_p, _a, ctx) => startOidcSignIn(ctx),
    finishOidcSignIn: (_p, a, ctx) => finishOidcSignIn(ctx, a.input),
  },
};

import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
import { createApiToken } from '../../modules/token/create-api-token.ts';
import { listRunnerTokens } from '../../modules/token/list-tokens.ts';
import { revokeApiToken } from '../../modules/token/revoke-api-token.ts';

export const tokenResolvers: Resolvers = {
  Mutation: {
    createApiToken: (_p, a, ctx) => createApiToken(ctx, a.input),
    revokeApiToken: (_p, a, ctx) => revokeApiToken(ctx, a.id),
  },
  Project: {
    runnerTokens: (p, _a, ctx) => listRunnerTokens(ctx, p.id!),
  },
  ApiToken: {
    owner: (t, _a, ctx) => loadOrThrow(ctx.loaders.user, 'User', t.userId!),
  },
};

import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';

import { resolveActor, type Actor } from './auth/actor.ts';
import { bearerOf } from './auth/tokens.ts';
import { createContext, type Deps } from './context.ts';
import { formatError } from './errors/format-error.ts';
import { graphqlRuntime } from './graphql-runtime.ts';
import { checkLimits } from './limits/complexity.ts';
import { subscribeShared } from './pubsub/shared-execution.ts';

const { execute, GraphQLError, parse, validate } = graphqlRuntime;

/** Longest operation text accepted over the socket. */
const MAX_QUERY_CHARS = 100_000;

/**
 * graphql-ws on the shared HTTP server: the bearer secret comes from `connectionParams.authorization`
 * (an unknown or expired one closes the socket with 4403), operations pass the same depth/cost limits
 * as HTTP, and errors go through the same formatter.
 */
export function attachGraphqlWs(wss: WebSocketServer, schema: GraphQLSchema, deps: Deps) {
  return useServer<Record<string, unknown> | undefined, { actor?: Actor }>(
    {
      schema,
      execute: (args) => execute(args),
      subscribe: (args) => subscribeShared(args),
      onConnect: async (ctx) => {
        const actor = await resolveActor(deps.pool, bearerOf(ctx.connectionParams?.authorization));
        if (!actor) return false;
        ctx.extra.actor = actor;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const bad = (message: string) => [
          new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }),
        ];
        if (typeof payload.query !== 'string' || payload.query.length > MAX_QUERY_CHARS)
          return bad(`query must be a string of at most ${MAX_QUERY_CHARS} characters`);
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return bad((e as Error).message);
        }
        const errors = validate(schema, document);
        if (errors.length)
          return errors.map(
            (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
          );
        const broken = checkLimits(document, payload.operationName, payload.variables);
        if (broken) return [new GraphQLError(broken.message, { extensions: { code: broken.code } })];
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createContext(deps, ctx.extra.actor!),
        };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) }
          : undefined,
    },
    wss,
  );
}

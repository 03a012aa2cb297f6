import type { GraphQLSchema, ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';

import { isDatabaseUnavailable } from '@distillery/db';
import type { Logger } from '@distillery/observe';

import type { Actor } from './modules/auth/actor.ts';
import { isRevoked } from './modules/auth/actor-cache.ts';
import { cookieSecret } from './modules/auth/session-cookie.ts';
import { bearerOf } from './modules/auth/tokens.ts';
import { createContext, type Deps } from './context.ts';
import { formatError } from './errors/format-error.ts';
import { graphqlRuntime } from './graphql-runtime.ts';
import { checkQueryText, SHAPE_LIMITS, tooComplex } from './limits/armor.ts';
import { checkLimits } from './limits/complexity.ts';
import { subscribeShared } from './pubsub/shared-execution.ts';

const { execute, GraphQLError, parse, specifiedRules, validate } = graphqlRuntime;

/** Operations one socket may have in flight at once (each within the query limits). */
const MAX_OPERATIONS_PER_SOCKET = 50;
/** Close code for a socket whose credentials were revoked or expired (as for a refused connect). */
const REVOKED = 4403;

type Extra = {
  actor?: Actor;
  secret?: string;
  active?: Set<string>;
};

/**
 * graphql-ws on the shared HTTP server: the bearer secret comes from `connectionParams.authorization`
 * (an unknown or expired one closes the socket with 4403), operations pass the same text, shape,
 * depth and cost limits as HTTP (the same validation rules), and errors go through the same formatter.
 * The actor is re-checked for every operation, and a revocation on any replica closes the sockets
 * that hold the revoked credentials at once (their subscriptions end with them).
 */
export function attachGraphqlWs(
  wss: WebSocketServer,
  schema: GraphQLSchema,
  deps: Deps,
  rules: readonly ValidationRule[],
  hooks: {
    log: Logger;
    connections: { inc(): void; dec(): void };
    /** Dashboard origins on other host names whose session cookie may open sockets. */
    allowedOrigins?: readonly string[];
  },
) {
  const allRules = [...specifiedRules, ...rules];
  wss.on('connection', (socket) => {
    hooks.connections.inc();
    socket.once('close', () => hooks.connections.dec());
  });
  const log = (e: unknown) => hooks.log.error({ err: e }, 'unexpected error');
  const open = new Map<WebSocket, Actor>();
  const closeRevoked = (r: Parameters<typeof isRevoked>[1]) => {
    for (const [socket, actor] of open) if (isRevoked(actor, r)) socket.close(REVOKED, 'credentials revoked');
  };
  const unsubscribe = deps.pubsub.on('distillery.credentials_revoked', closeRevoked);
  const server = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      execute: (args) => execute(args),
      subscribe: (args) => subscribeShared(args),
      onConnect: async (ctx) => {
        const cookie = cookieSecret(ctx.extra.request.headers, hooks.allowedOrigins ?? []);
        if (cookie === 'refused') return false;
        const secret = bearerOf(ctx.connectionParams?.authorization) ?? cookie ?? undefined;
        let actor;
        try {
          actor = await deps.actors.resolve(secret);
        } catch (e) {
          if (!isDatabaseUnavailable(e)) throw e;
          // 1013 "try again later": clients reconnect with backoff instead of giving up.
          ctx.extra.socket.close(1013, 'database unavailable; retry shortly');
          return false;
        }
        if (!actor) return false;
        ctx.extra.actor = actor;
        ctx.extra.secret = secret;
        ctx.extra.active = new Set();
        open.set(ctx.extra.socket, actor);
        ctx.extra.socket.once('close', () => open.delete(ctx.extra.socket));
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        // Per operation: a session ended or a token revoked since connect ends the socket here too.
        const actor = await deps.actors.resolve(ctx.extra.secret);
        if (!actor) {
          ctx.extra.socket.close(REVOKED, 'credentials revoked or expired');
          return [
            new GraphQLError('the bearer token is unknown, expired or revoked', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        }
        const bad = (message: string) => [
          new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } }),
        ];
        if (typeof payload.query !== 'string') return bad('query must be a string');
        const textBroken = checkQueryText(payload.query);
        if (textBroken) return [tooComplex(textBroken)];
        const active = ctx.extra.active!;
        if (active.size >= MAX_OPERATIONS_PER_SOCKET)
          return [tooComplex(`at most ${MAX_OPERATIONS_PER_SOCKET} operations per socket at once`)];
        let document;
        try {
          document = parse(payload.query, { maxTokens: SHAPE_LIMITS.maxTokens });
        } catch (e) {
          return bad((e as Error).message);
        }
        const errors = validate(schema, document, allRules);
        if (errors.length)
          return errors.map((e) =>
            e.extensions.code
              ? e
              : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }),
          );
        const r = checkLimits(schema, document, payload.operationName, payload.variables);
        if ('code' in r) return [tooComplex(r.message)];
        active.add(id);
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: createContext(deps, actor, ctx.extra.request.socket.remoteAddress),
        };
      },
      onComplete: (ctx, id) => {
        ctx.extra.active?.delete(id);
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, log)),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, log)) }
          : undefined,
    },
    wss,
  );
  return {
    async dispose() {
      unsubscribe();
      await server.dispose();
    },
  };
}

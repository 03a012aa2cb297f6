import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { openArtifactStore, PACK_LIMITS, type ArtifactStoreConfig } from '@distillery/artifacts';
import { createDatabase, type Database, isDatabaseUnavailable } from '@distillery/db';
import { AppErrorCode } from '@distillery/errors';
import { createLogger, type Logger } from '@distillery/observe';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { WebSocketServer } from 'ws';

import { auditSigner, startCheckpointing } from './modules/audit/checkpoints.ts';
import { ActorCache } from './modules/auth/actor-cache.ts';
import { createLoginThrottle, type LoginLimits } from './modules/auth/login-throttle.ts';
import { bearerOf } from './modules/auth/tokens.ts';
import { createContext, type Context, type Deps } from './context.ts';
import { formatError, UNAVAILABLE_MESSAGE } from './errors/format-error.ts';
import { graphqlRuntime } from './graphql-runtime.ts';
import { createMailer, type MailerOptions } from './mail/mailer.ts';
import { createOidcProvider, type OidcSettings } from './modules/sso/oidc-provider.ts';
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from './modules/user/one-time-link.ts';
import { checkQueryText, limitRules, SHAPE_LIMITS, tooComplex } from './limits/armor.ts';
import { checkLimits } from './limits/complexity.ts';
import { artifactRouter } from './modules/artifact/download-route.ts';
import { packUploadRouter } from './modules/data/pack-upload-route.ts';
import { SampleMemory } from './modules/sample/sample-memory.ts';
import { SAMPLE_LIMITS } from './modules/sample/sample-source.ts';
import { sampleRouter } from './modules/sample/sample-route.ts';
import { MetricsHub } from './modules/metric/metrics-hub.ts';
import { createApiMetrics, type ApiMetrics } from './observability/api-metrics.ts';
import { healthRoutes } from './observability/health-routes.ts';
import { requestPlugin } from './observability/request-plugin.ts';
import { PgPubSub } from './pubsub/pg-pubsub.ts';
import { resolvers } from './schema/resolvers.ts';
import { loadTypeDefs } from './schema/type-defs.ts';
import { attachGraphqlWs } from './ws.ts';

const { GraphQLError } = graphqlRuntime;

/** Options of buildServer (main.ts fills them from env; tests pass port 0). */
export interface ServerOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  sessionDays?: number;
  poolSize?: number;
  /** Largest request body (default 8 MB: 10,000 metric points fit comfortably). */
  bodyLimit?: string;
  /** Most operations in one batched HTTP request. */
  maxBatch?: number;
  /** Production: no introspection and no landing page, on HTTP and WebSocket alike. */
  production?: boolean;
  /** Folders FOLDER datasets may live in (none: folder datasets are refused). */
  datasetRoots?: readonly string[];
  /** express `trust proxy`: whose X-Forwarded-For gives the client address (default: loopback, the dashboard's proxy). */
  trustProxy?: string | boolean;
  /** Dashboard origins on other host names whose session cookie may open WebSockets (same host name always may). */
  allowedOrigins?: readonly string[];
  /** Sign-in throttling (default LOGIN_LIMITS). */
  loginLimits?: LoginLimits;
  /** The artifact store runners write to (default: the local folder `.data/artifacts`). */
  artifactStore?: ArtifactStoreConfig;
  /** Where dataset packs are cached on disk to serve sample images from (default `.data/cache/datasets`). */
  datasetCacheDir?: string;
  /** Largest dataset pack an upload may store (default PACK_LIMITS.maxPackBytes, 16 GiB). */
  maxDatasetPackBytes?: number;
  /** Ed25519 private key (PEM) signing audit chain heads; none: no checkpoints (truncation goes unseen). */
  auditSigningKey?: string;
  /** Checkpoint interval (default 5 minutes; 0: only when asked, e.g. in tests). */
  auditCheckpointMs?: number;
  /** Structured logger (main.ts passes the process's; tests get a quiet one). */
  log?: Logger;
  /** Where invitation and password links point and how long they work (DEFAULT_ACCOUNT_SETTINGS). */
  accounts?: Partial<AccountSettings>;
  /** SMTP for invitation and reset mail (none: links are only returned to the admin). */
  smtp?: MailerOptions | undefined;
  /** OpenID Connect single sign-on (none: password sign-in only). */
  oidc?: OidcSettings | undefined;
}

/** A built server: `start` listens and returns the URL, `stop` drains and closes everything. */
export interface DistilleryServer {
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
  readonly deps: Deps;
  readonly metrics: ApiMetrics;
}

const jsonError = (status: number, code: string, message: string) => ({
  status,
  body: { errors: [{ message, extensions: { code } }] },
});

/** PostgreSQL text cannot hold NUL, so a body carrying one is refused before it reaches a resolver. */
function refuseNul(_req: unknown, _res: unknown, buf: Buffer): void {
  if (buf.includes('\\u0000'))
    throw Object.assign(new Error('NUL character in request'), { type: 'nul.character', status: 400 });
}

/**
 * Where GraphQL answers, over HTTP and WebSocket alike. `/api/graphql` lets one Ingress host send
 * `/api` to the API and everything else to the dashboard, whose own `/graphql` is its cookie proxy.
 */
export const GRAPHQL_PATHS = ['/graphql', '/api/graphql'];

/** Build Apollo Server 5 (express 5) and graphql-ws on one http.Server at GRAPHQL_PATHS. */
export function buildServer(options: ServerOptions): DistilleryServer {
  const log = options.log ?? createLogger('api', { level: 'silent' });
  const db: Database = createDatabase(options.databaseUrl, {
    max: options.poolSize ?? 20,
    log: (event, e) =>
      event === 'db-up'
        ? log.info('database reachable again')
        : log.warn({ err: e, event }, 'database connection lost'),
  });
  let metrics: ApiMetrics | null = null;
  const pubsub = new PgPubSub(options.databaseUrl, log, () => metrics?.listenerReconnects.inc());
  metrics = createApiMetrics(db.pool);
  const apiMetrics = metrics;
  const artifacts = openArtifactStore(options.artifactStore ?? { kind: 'local', root: '.data/artifacts' });
  const deps: Deps = {
    log,
    prisma: db.prisma,
    pool: db.pool,
    pubsub,
    metrics: new MetricsHub(db.pool, pubsub),
    env: { API_SESSION_DAYS: options.sessionDays ?? 14 },
    datasetRoots: options.datasetRoots ?? [],
    loginThrottle: createLoginThrottle(db.pool, options.loginLimits),
    actors: new ActorCache(db.pool, pubsub),
    artifacts,
    maxDatasetPackBytes: options.maxDatasetPackBytes ?? PACK_LIMITS.maxPackBytes,
    samples: new SampleMemory(
      artifacts,
      options.datasetCacheDir ?? join('.data', 'cache', 'datasets'),
      SAMPLE_LIMITS.maxPackBytes,
    ),
    auditSigner: options.auditSigningKey ? auditSigner(options.auditSigningKey) : null,
    accounts: { ...DEFAULT_ACCOUNT_SETTINGS, ...options.accounts },
    mailer: options.smtp ? createMailer(options.smtp) : null,
    oidc: options.oidc ? createOidcProvider(options.oidc) : null,
  };
  const schema = makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as never });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? 'loopback');
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  httpServer.on('upgrade', (req, socket, head) => {
    if (!GRAPHQL_PATHS.includes(new URL(req.url ?? '/', 'http://x').pathname)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const production = options.production ?? false;
  const rules = limitRules(production);
  const wsCleanup = attachGraphqlWs(wss, schema, deps, rules, {
    log,
    connections: apiMetrics.wsConnections,
    allowedOrigins: options.allowedOrigins,
  });
  const limitsPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (rc.operation?.operation === 'subscription') {
            throw new GraphQLError('subscriptions run over WebSocket (graphql-ws) at this same URL', {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            });
          }
          const ctx = rc.contextValue;
          const r = checkLimits(schema, rc.document, rc.operationName, rc.request.variables, ctx.cost.spent);
          if ('code' in r) throw tooComplex(r.message);
          ctx.cost.spent += r.cost;
        },
      };
    },
  };
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: (formatted, error) =>
      formatError(formatted, error, (e) => log.error({ err: e }, 'unexpected error')),
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: true,
    // One rule list for both transports: it carries the no-introspection rule in production.
    introspection: true,
    validationRules: rules,
    parseOptions: { maxTokens: SHAPE_LIMITS.maxTokens },
    // main.ts owns SIGINT/SIGTERM (drain, then close the pools); Apollo must not race it.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      limitsPlugin,
      requestPlugin(log, apiMetrics),
    ],
  });
  let url = '';
  let stopCheckpoints = () => undefined as void;
  const maxBatch = options.maxBatch ?? 20;
  const batchCap: RequestHandler = (req, res, next) => {
    if (Array.isArray(req.body) && (req.body.length === 0 || req.body.length > maxBatch)) {
      const e = jsonError(
        400,
        'BAD_USER_INPUT',
        `a batch holds 1 to ${maxBatch} operations (got ${req.body.length})`,
      );
      res.status(e.status).json(e.body);
      return;
    }
    next();
  };
  // Length and tokens before Apollo parses and validates: validation is superlinear in the worst case.
  const textCap: RequestHandler = (req, res, next) => {
    const ops: unknown[] =
      req.method === 'GET' ? [req.query] : Array.isArray(req.body) ? req.body : [req.body];
    for (const op of ops) {
      const broken = checkQueryText((op as { query?: unknown } | null)?.query);
      if (broken) {
        const e = jsonError(400, 'QUERY_TOO_COMPLEX', broken);
        res.status(e.status).json(e.body);
        return;
      }
    }
    next();
  };
  const bodyErrors: ErrorRequestHandler = (
    err: { type?: string; status?: number; message?: string },
    _req,
    res,
    _next,
  ) => {
    const e =
      err.type === 'nul.character'
        ? jsonError(400, 'BAD_USER_INPUT', 'strings must not contain NUL (\\u0000) characters')
        : err.type === 'entity.too.large'
          ? jsonError(413, 'QUERY_TOO_COMPLEX', `request body exceeds ${options.bodyLimit ?? '8mb'}`)
          : err.status && err.status < 500
            ? jsonError(400, 'BAD_USER_INPUT', `malformed request: ${err.message ?? 'bad body'}`)
            : jsonError(500, 'INTERNAL', 'Internal error');
    res.status(e.status).json(e.body);
  };
  return {
    deps,
    metrics: apiMetrics,
    get url() {
      return url;
    },
    async start() {
      await pubsub.start();
      await apollo.start();
      const every = options.auditCheckpointMs ?? 300_000;
      if (deps.auditSigner && every > 0)
        stopCheckpoints = startCheckpointing(db.pool, deps.auditSigner, every);
      app.use(healthRoutes(db.pool, pubsub, apiMetrics));
      app.use(
        GRAPHQL_PATHS,
        express.json({ limit: options.bodyLimit ?? '8mb', verify: refuseNul }),
        batchCap,
        textCap,
        expressMiddleware(apollo, {
          context: async ({ req }) => {
            const actor = await deps.actors
              .resolve(bearerOf(req.headers.authorization))
              .catch((e: unknown) => {
                if (!isDatabaseUnavailable(e)) throw e;
                throw new GraphQLError(UNAVAILABLE_MESSAGE, {
                  extensions: { code: AppErrorCode.UNAVAILABLE, http: { status: 503 } },
                });
              });
            if (!actor)
              throw new GraphQLError('the bearer token is unknown, expired or revoked', {
                extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
              });
            return {
              ...createContext(deps, actor, req.ip ?? 'unknown'),
              origin: `${req.protocol}://${req.get('host') ?? 'localhost'}`,
            };
          },
        }),
      );
      app.use(artifactRouter(deps));
      app.use(packUploadRouter(deps));
      app.use(sampleRouter(deps));
      app.use(bodyErrors);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
      });
      const addr = httpServer.address() as AddressInfo;
      const host =
        addr.family === 'IPv6'
          ? `[${addr.address}]`
          : addr.address === '0.0.0.0'
            ? '127.0.0.1'
            : addr.address;
      url = `http://${host}:${addr.port}/graphql`;
      return url;
    },
    async stop() {
      stopCheckpoints();
      await apollo.stop();
      deps.metrics.close();
      deps.actors.close();
      deps.mailer?.close();
      await pubsub.stop();
      await db.close();
    },
  };
}

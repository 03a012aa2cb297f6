// The API in the test's own process on port 0, over a database cloned by createTestDatabase().
// The server factory is passed in (the API's `buildServer`), so this package imports no app: apps/api
// tests pass their own module, tests under test/ pass `@distillery/api`.
import type { DistilleryClient } from '@distillery/client';
import { createNodeClient, WebSocket } from '@distillery/client/node';
import { createWsClient } from '@distillery/client';
import { seedArchitectures, type ArchitectureSeed } from '@distillery/db/seed';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import type { Client as WsClient } from 'graphql-ws';

import { gql, type GqlResult } from './graphql.ts';

/** What startTestApi needs of a server: `start` listens and returns its /graphql URL. */
export interface ApiServer {
  start(): Promise<string>;
  stop(): Promise<void>;
}

/** What startTestApi always passes to the server factory. */
export interface BaseServerOptions {
  databaseUrl: string;
  port: number;
  poolSize?: number;
}

/** The API's `buildServer` (or anything of its shape). */
export type BuildServer<S extends ApiServer = ApiServer> = (options: BaseServerOptions) => S;

/** The factory's own options beyond the database and port (e.g. `datasetRoots`). */
export type ExtraServerOptions<B extends BuildServer> = Omit<
  Partial<Parameters<B>[0]>,
  'databaseUrl' | 'port'
>;

/** Options of startTestApi. */
export interface TestApiOptions {
  /** Serve this database instead of a fresh clone (a second API over the same data); it is not dropped. */
  db?: TestDatabase;
  /** Listen here instead of a free port (a page that must find the API again after a restart). */
  port?: number;
  /** Architecture registry rows to seed, e.g. `listArchitectures()` of @distillery/ml. */
  architectures?: readonly ArchitectureRow[];
}

/** An architecture registry entry as the ML core lists it. */
export type ArchitectureRow = Omit<ArchitectureSeed, 'trainingParams'> & { trainingParams: object };

/** A running API over its own database; `stop`/`start` restart it on the same port. */
export interface TestApi<S extends ApiServer = ApiServer> {
  db: TestDatabase;
  url: string;
  readonly server: S;
  /** One operation as raw text; GraphQL errors are returned with the HTTP status, never thrown or retried. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  /** A typed client (subscriptions over `ws`), closed with the API. */
  client(token?: string): DistilleryClient;
  /** A raw graphql-ws client (no reconnects unless asked), disposed with the API. */
  ws(token?: string, options?: { retryAttempts?: number }): WsClient;
  /** Stop the API (in-flight and new requests fail) without dropping the database. */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  /** Stop, close every client and drop the database (unless it was passed in). */
  close(): Promise<void>;
}

/** Start the API over a cloned, migrated database (or `options.db`); `options.server` goes to the factory. */
export async function startTestApi<B extends BuildServer>(
  build: B,
  options: TestApiOptions & { server?: ExtraServerOptions<B> } = {},
): Promise<TestApi<ReturnType<B>>> {
  type S = ReturnType<B>;
  const make = (port: number) =>
    // The API connects as the non-superuser application role, as in production (issue 14 finding 7).
    build({ poolSize: 6, ...options.server, databaseUrl: db.appUrl, port } as Parameters<B>[0]) as S;
  const db = options.db ?? (await createTestDatabase());
  if (options.architectures)
    await seedArchitectures(
      db.prisma,
      options.architectures.map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
    );
  let server = make(options.port ?? 0);
  const url = await server.start();
  const port = Number(new URL(url).port);
  let running = true;
  const clients: DistilleryClient[] = [];
  const sockets: WsClient[] = [];
  const api: TestApi<S> = {
    db,
    url,
    get server() {
      return server;
    },
    gql: (query, variables, token) => gql(url, query, variables, token),
    client(token) {
      const c = createNodeClient({ url, token });
      clients.push(c);
      return c;
    },
    ws(token, o) {
      const c = createWsClient({
        url,
        token,
        webSocketImpl: WebSocket,
        retryAttempts: o?.retryAttempts ?? 0,
      });
      sockets.push(c);
      return c;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.stop();
    },
    async start() {
      if (running) return;
      server = make(port);
      await server.start();
      running = true;
    },
    async close() {
      await Promise.allSettled([...clients.map((c) => c.close()), ...sockets.map((s) => s.dispose())]);
      await api.stop();
      if (!options.db) await db.drop();
    },
  };
  return api;
}

import type { Role } from '@distillery/db';
import { hashPassword } from '@distillery/db/seed';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

import { generateSecret, hashSecret, TOKEN_PREFIX } from '../../src/auth/tokens.ts';
import { buildServer, type DistilleryServer, type ServerOptions } from '../../src/server.ts';

/** A GraphQL response as the tests see it. */
export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** A running API on a fresh test database. */
export interface Api {
  db: TestDatabase;
  server: DistilleryServer;
  url: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GqlResult<T>>;
  ws(token?: string, opts?: { retryAttempts?: number }): Client;
  close(): Promise<void>;
}

/** Build the server on port 0 over a cloned, migrated database (`options` override the defaults). */
export async function startApi(
  db?: TestDatabase,
  options: Partial<Omit<ServerOptions, 'databaseUrl'>> = {},
): Promise<Api> {
  const database = db ?? (await createTestDatabase());
  const server = buildServer({ databaseUrl: database.url, port: 0, poolSize: 6, ...options });
  const url = await server.start();
  const clients: Client[] = [];
  return {
    db: database,
    server,
    url,
    async gql(query, variables, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    ws(token, opts) {
      const c = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: opts?.retryAttempts ?? 0,
        lazy: true,
      });
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await server.stop();
      if (!db) await database.drop();
    },
  };
}

/** A user with a membership (or none) and a USER API token. */
export async function createUser(
  api: Api,
  projectId: string | null,
  role: Role | null,
  tag = 'u',
): Promise<{ userId: string; token: string; email: string }> {
  const email = `${tag}-${Math.random().toString(36).slice(2)}@test.local`;
  const user = await api.db.prisma.user.create({
    // Test users need no OWASP-strength hash (it would cost ~0.3 s each); sign-in rehashes them.
    data: { email, name: tag, passwordHash: await hashPassword('pw', { logN: 12, r: 8, p: 1 }) },
  });
  if (projectId && role)
    await api.db.prisma.membership.create({ data: { projectId, userId: user.id, role } });
  const token = generateSecret(TOKEN_PREFIX.api);
  await api.db.prisma.apiToken.create({
    data: { userId: user.id, name: 't', prefix: token.slice(0, 8), tokenHash: hashSecret(token) },
  });
  return { userId: user.id, token, email };
}

/** A RUNNER token bound to a project. */
export async function createRunnerToken(api: Api, userId: string, projectId: string): Promise<string> {
  const token = generateSecret(TOKEN_PREFIX.runner);
  await api.db.prisma.apiToken.create({
    data: {
      userId,
      name: 'runner',
      kind: 'RUNNER',
      projectId,
      prefix: token.slice(0, 8),
      tokenHash: hashSecret(token),
    },
  });
  return token;
}

/** Collect `n` messages of a subscription (or fail after `timeoutMs`). */
export function collect<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  n: number,
  timeoutMs = 10_000,
): { done: Promise<T[]>; ready: Promise<void>; cancel: () => void } {
  const got: T[] = [];
  let cancel = () => undefined as void;
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`timed out with ${got.length}/${n} messages: ${JSON.stringify(got).slice(0, 500)}`)),
      timeoutMs,
    );
    cancel = client.subscribe<T>(
      { query, variables },
      {
        next: (m) => {
          if (m.errors) {
            clearTimeout(timer);
            reject(new Error(JSON.stringify(m.errors)));
            return;
          }
          got.push(m.data as T);
          if (got.length >= n) {
            clearTimeout(timer);
            resolve(got);
          }
        },
        error: (e) => {
          clearTimeout(timer);
          const close = e as { code?: number; reason?: string };
          reject(
            e instanceof Error
              ? e
              : new Error(close.code ? `closed ${close.code} ${close.reason ?? ''}` : JSON.stringify(e)),
          );
        },
        complete: () => undefined,
      },
    );
    client.on('connected', () => setTimeout(resolveReady, 50));
  });
  return { done, ready, cancel: () => cancel() };
}

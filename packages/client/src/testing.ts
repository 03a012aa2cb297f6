// Test support shared by the client and CLI tests: the real API (apps/api) in this process on port 0
// over a fresh database from createTestDatabase(), users made the way the API knows them, tokens
// obtained through the API's own signIn and createApiToken mutations.
import { buildServer, type DistilleryServer } from '@distillery/api';
import { hashPassword, seedArchitectures } from '@distillery/db/seed';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { listArchitectures } from '@distillery/ml';

import { DistilleryClient } from './client.ts';
import {
  CreateApiTokenDocument,
  CreateProjectDocument,
  SignInDocument,
} from './graphql/generated/graphql.ts';

/** A running API over its own database; `restart` stops it and starts a new one on the same port. */
export interface TestApi {
  db: TestDatabase;
  url: string;
  server: DistilleryServer;
  /** Stop the API (in-flight and new requests fail) without dropping the database. */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start the API on port 0 over a cloned, migrated database with the architecture registry seeded.
 * `datasetRoots` are the folders FOLDER datasets may be registered from (none by default).
 */
export async function startTestApi(options: { datasetRoots?: string[] } = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  await seedArchitectures(
    db.prisma,
    listArchitectures().map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
  );
  let server = buildServer({ databaseUrl: db.url, port: 0, poolSize: 6, ...options });
  const url = await server.start();
  const port = Number(new URL(url).port);
  let running = true;
  const api: TestApi = {
    db,
    url,
    get server() {
      return server;
    },
    async stop() {
      if (!running) return;
      running = false;
      await server.stop();
    },
    async start() {
      if (running) return;
      server = buildServer({ databaseUrl: db.url, port, poolSize: 6, ...options });
      await server.start();
      running = true;
    },
    async close() {
      await api.stop();
      await db.drop();
    },
  };
  return api;
}

/** A user signed in through the API, owning one project, with a USER API token. */
export interface TestUser {
  email: string;
  password: string;
  token: string;
  userId: string;
  projectId: string;
  projectSlug: string;
  client: DistilleryClient;
}

/** Create a user (the API has no sign-up), sign in, create a project and an API token through the API. */
export async function createTestUser(api: TestApi, tag = 'u'): Promise<TestUser> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = `${tag}-${suffix}@test.local`;
  const password = `pw-${suffix}`;
  const user = await api.db.prisma.user.create({
    // A cheap hash for test users (OWASP strength costs ~0.3 s each); signing in rehashes it.
    data: { email, name: tag, passwordHash: await hashPassword(password, { logN: 12, r: 8, p: 1 }) },
  });
  const anon = new DistilleryClient({ url: api.url });
  const { signIn } = await anon.request(SignInDocument, { email, password });
  const session = new DistilleryClient({ url: api.url, token: signIn.token });
  const slug = `${tag}-${suffix}`;
  const { createProject } = await session.request(CreateProjectDocument, {
    input: { name: `${tag} project`, slug },
  });
  const { createApiToken } = await session.request(CreateApiTokenDocument, {
    input: { name: `${tag} token` },
  });
  return {
    email,
    password,
    token: createApiToken.secret,
    userId: user.id,
    projectId: createProject.id,
    projectSlug: slug,
    client: new DistilleryClient({ url: api.url, token: createApiToken.secret }),
  };
}

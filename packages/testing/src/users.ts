// Users, memberships, projects and tokens for tests. Rows are written straight to the test database
// (the API has no sign-up, and fixtures must not add audit rows a test counts); tokens are minted with
// the API's own secret format, so the API accepts them as if it had issued them.
import { CreateApiTokenDocument, CreateProjectDocument, SignInDocument } from '@distillery/client';
import type { DistilleryClient } from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';
import type { PrismaClient, Role } from '@distillery/db';
import { generateSecret, hashPassword, hashSecret, TOKEN_PREFIX } from '@distillery/db/seed';

/** Anything holding the test database's Prisma client (a TestApi, a TestDatabase wrapper). */
export interface HasDb {
  db: { prisma: PrismaClient };
}

/** A user made by createUser. */
export interface CreatedUser {
  userId: string;
  email: string;
  password: string;
  /** A USER API token. */
  token: string;
}

const suffix = () => Math.random().toString(36).slice(2, 10);

/** Every test user's password (API tests sign in with it as a literal). */
export const TEST_PASSWORD = 'pw';

// Test users need no OWASP-strength hash (it costs ~0.3 s each); signing in rehashes them.
const TEST_PASSWORD_PARAMS = { logN: 12, r: 8, p: 1 };

/** Mint a token row for `userId` (USER, or RUNNER bound to `projectId`) and return its secret. */
export async function mintToken(
  api: HasDb,
  userId: string,
  options: { kind?: 'USER' | 'RUNNER'; projectId?: string; name?: string } = {},
): Promise<string> {
  const kind = options.kind ?? 'USER';
  const secret = generateSecret(kind === 'RUNNER' ? TOKEN_PREFIX.runner : TOKEN_PREFIX.api);
  await api.db.prisma.apiToken.create({
    data: {
      userId,
      name: options.name ?? (kind === 'RUNNER' ? 'runner' : 't'),
      kind,
      projectId: options.projectId ?? null,
      prefix: secret.slice(0, 8),
      tokenHash: hashSecret(secret),
    },
  });
  return secret;
}

/** A user row with a fresh email and password (the API has no sign-up). */
async function insertUser(api: HasDb, tag: string): Promise<Omit<CreatedUser, 'token'> & { handle: string }> {
  const s = suffix();
  const email = `${tag}-${s}@test.local`;
  const password = TEST_PASSWORD;
  const user = await api.db.prisma.user.create({
    data: { email, name: tag, passwordHash: await hashPassword(password, TEST_PASSWORD_PARAMS) },
  });
  return { userId: user.id, email, password, handle: `${tag}-${s}` };
}

/** A user with a password, a membership in `projectId` with `role` (or none) and a USER API token. */
export async function createUser(
  api: HasDb,
  projectId: string | null,
  role: Role | null,
  tag = 'u',
): Promise<CreatedUser> {
  const { handle: _handle, ...user } = await insertUser(api, tag);
  if (projectId && role)
    await api.db.prisma.membership.create({ data: { projectId, userId: user.userId, role } });
  return { ...user, token: await mintToken(api, user.userId) };
}

/** A RUNNER token of `userId` bound to `projectId`. */
export function createRunnerToken(api: HasDb, userId: string, projectId: string): Promise<string> {
  return mintToken(api, userId, { kind: 'RUNNER', projectId });
}

/** A user signed in through the API, owning one project (made through the API), with a USER API token. */
export interface TestUser extends CreatedUser {
  projectId: string;
  projectSlug: string;
  /** A client with the API token (closed when the TestApi closes, if made by it). */
  client: DistilleryClient;
}

/** Create a user, sign in, create a project and an API token through the API's own mutations. */
export async function createTestUser(
  api: HasDb & { url: string; client?: (token?: string) => DistilleryClient },
  tag = 'u',
): Promise<TestUser> {
  const { handle: slug, ...user } = await insertUser(api, tag);
  const session = createNodeClient({ url: api.url, token: await signIn(api.url, user.email, user.password) });
  const { createProject } = await session.request(CreateProjectDocument, {
    input: { name: `${tag} project`, slug },
  });
  const { createApiToken } = await session.request(CreateApiTokenDocument, {
    input: { name: `${tag} token` },
  });
  const token = createApiToken.secret;
  return {
    ...user,
    token,
    projectId: createProject.id,
    projectSlug: slug,
    client: api.client ? api.client(token) : createNodeClient({ url: api.url, token }),
  };
}

/** Sign in through the API and return the session token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const { signIn: s } = await createNodeClient({ url }).request(SignInDocument, { email, password });
  return s.token;
}

// The typed client against the real API: typed requests, the API's error codes, safe retries.
import { buildServer } from '@distillery/api';
import {
  AppError,
  CreateProjectDocument,
  graphqlErrors,
  httpStatus,
  isAppError,
  MeDocument,
  ProjectsDocument,
  RegisterDatasetDocument,
  getProject,
} from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
let user: TestUser;

beforeAll(async () => {
  api = await startTestApi(buildServer);
  user = await createTestUser(api, 'client');
});
afterAll(async () => {
  await user?.client.close();
  await api?.close();
});

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('DistilleryClient.request', () => {
  it('returns typed data for queries', async () => {
    const { me } = await user.client.request(MeDocument);
    expect(me?.email).toBe(user.email);
    expect(me?.memberships.map((m) => [m.project.slug, m.role])).toEqual([[user.projectSlug, 'ADMIN']]);
    const { projects } = await user.client.request(ProjectsDocument);
    expect(projects.map((p) => p.id)).toEqual([user.projectId]);
    expect((await getProject(user.client, user.projectSlug)).id).toBe(user.projectId);
  });

  it("surfaces the API's message and code", async () => {
    const bad = await errorOf(
      createNodeClient({ url: api.url, token: 'dst_not-a-token' }).request(MeDocument),
    );
    // One error class on both sides of the wire: the API's AppError code arrives as an AppError.
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.code).toBe('UNAUTHENTICATED');
    expect(bad.message).toMatch(/token is unknown/);
    expect(graphqlErrors(bad)[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(httpStatus(bad)).toBeGreaterThanOrEqual(200);
    const input = await errorOf(
      user.client.request(RegisterDatasetDocument, {
        input: { projectId: user.projectId, name: 'x', preset: 'mnist', contentHash: 'nothex' },
      }),
    );
    expect(input.code).toBe('BAD_USER_INPUT');
    expect(input.message).toMatch(/contentHash/);
    expect(input.field).toBe('input.contentHash');
    const missing = await errorOf(getProject(user.client, 'no-such-project'));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('retries a query across an API restart but never a non-idempotent mutation', async () => {
    await api.stop();
    const refused = await errorOf(
      user.client.request(CreateProjectDocument, { input: { name: 'p', slug: 'never-created' } }),
    );
    expect(refused.code).toBe('NETWORK');
    const client = createNodeClient({
      url: api.url,
      token: user.token,
      retry: { attempts: 8, baseDelayMs: 150, maxDelayMs: 600 },
    });
    const pending = client.request(MeDocument);
    setTimeout(() => void api.start(), 400);
    expect((await pending).me?.email).toBe(user.email);
    expect(await api.db.prisma.project.count({ where: { slug: 'never-created' } })).toBe(0);
  });
});

describe('DistilleryClient.execute', () => {
  it('returns the raw answer with its status: GraphQL errors are data, not exceptions', async () => {
    const ok = await user.client.execute<{ me: { email: string } }>('{ me { email } }');
    expect(ok).toMatchObject({ status: 200, data: { me: { email: user.email } } });
    const broken = await user.client.execute('{ me { email ');
    expect(broken.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(broken.status).toBe(400);
  });
});

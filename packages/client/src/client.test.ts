// The typed client against the real API: typed requests, the API's error codes, safe retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DistilleryClient } from './client.ts';
import { isApiError } from './errors.ts';
import {
  CreateProjectDocument,
  MeDocument,
  ProjectsDocument,
  RegisterDatasetDocument,
} from './graphql/generated/graphql.ts';
import { getProject } from './helpers.ts';
import { createTestUser, startTestApi, type TestApi, type TestUser } from './testing.ts';

let api: TestApi;
let user: TestUser;

beforeAll(async () => {
  api = await startTestApi();
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
    if (isApiError(e)) return e;
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
      new DistilleryClient({ url: api.url, token: 'dst_not-a-token' }).request(MeDocument),
    );
    expect(bad.code).toBe('UNAUTHENTICATED');
    expect(bad.message).toMatch(/token is unknown/);
    const input = await errorOf(
      user.client.request(RegisterDatasetDocument, {
        input: { projectId: user.projectId, name: 'x', preset: 'mnist', contentHash: 'nothex' },
      }),
    );
    expect(input.code).toBe('BAD_USER_INPUT');
    expect(input.message).toMatch(/contentHash/);
    const missing = await errorOf(getProject(user.client, 'no-such-project'));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('retries a query across an API restart but never a non-idempotent mutation', async () => {
    await api.stop();
    const refused = await errorOf(
      user.client.request(CreateProjectDocument, { input: { name: 'p', slug: 'never-created' } }),
    );
    expect(refused.code).toBe('NETWORK');
    const client = new DistilleryClient({
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

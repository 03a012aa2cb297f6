// Tokens (issue 15): scoped to a project or not, read-only or read-write, with an expiry; listed
// without secrets; runner tokens per project with a label and their last use; scopes never exceed
// the creator's role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failure, person, type Person } from '../helpers/accounts.ts';
import { waitFor } from '../helpers/domain.ts';
import { startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let admin: Person;
let viewer: Person;
let p1: string;
let p2: string;

const CREATE = `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret token { id name kind access projectId expiresAt prefix } } }`;
type Created = {
  createApiToken: { secret: string; token: { id: string; prefix: string; expiresAt: string | null } };
};

beforeAll(async () => {
  api = await startApi();
  p1 = (await api.db.prisma.project.create({ data: { slug: 'tok-1', name: 'One' } })).id;
  p2 = (await api.db.prisma.project.create({ data: { slug: 'tok-2', name: 'Two' } })).id;
  admin = await person(api, p1, 'ADMIN', 'tadmin');
  await api.db.prisma.membership.create({ data: { projectId: p2, userId: admin.userId, role: 'MEMBER' } });
  viewer = await person(api, p1, 'VIEWER', 'tviewer');
});
afterAll(() => api.close());

describe('API tokens', () => {
  it('a project-scoped token acts only in its project', async () => {
    const r = await api.gql<Created>(
      CREATE,
      { i: { name: 'ci p1', projectId: p1, expiresInDays: 30 } },
      admin.session,
    );
    expect(r.errors).toBeUndefined();
    const t = r.data!.createApiToken;
    expect(t.secret.startsWith(t.token.prefix)).toBe(true);
    expect(new Date(t.token.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const projects = await api.gql<{ projects: { id: string }[] }>(`{ projects { id } }`, {}, t.secret);
    expect(projects.data?.projects.map((p) => p.id)).toEqual([p1]);
    expect(
      failure(await api.gql(`query($p: ID!) { project(id: $p) { id } }`, { p: p2 }, t.secret))?.code,
    ).toBe('FORBIDDEN');
    // No project creation, no wider token.
    expect(
      failure(
        await api.gql(`mutation { createProject(input: { slug: "zz", name: "z" }) { id } }`, {}, t.secret),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'TOKEN_SCOPE',
    });
    expect(failure(await api.gql(CREATE, { i: { name: 'wider' } }, t.secret))).toMatchObject({
      reason: 'SCOPE_EXCEEDS_ROLE',
    });
  });

  it('a read-only token reads and runs no mutation', async () => {
    const r = await api.gql<Created>(
      CREATE,
      { i: { name: 'dashboards', access: 'READ_ONLY' } },
      admin.session,
    );
    const ro = r.data!.createApiToken.secret;
    const role = await api.gql<{ project: { myRole: string } }>(
      `query($p: ID!) { project(id: $p) { myRole } }`,
      { p: p1 },
      ro,
    );
    expect(role.data?.project.myRole).toBe('VIEWER');
    const write = await api.gql(
      `mutation($p: ID!) { updateProject(input: { projectId: $p, name: "x" }) { id } }`,
      { p: p1 },
      ro,
    );
    expect(failure(write)).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_TOKEN' });
    expect(failure(await api.gql(CREATE, { i: { name: 'x' } }, ro))?.code).toBe('FORBIDDEN');
    expect((await api.db.prisma.project.findUniqueOrThrow({ where: { id: p1 } })).name).toBe('One');
  });

  it('refuses scopes beyond the creator’s role with nothing written', async () => {
    const before = await api.db.prisma.apiToken.count();
    const rw = await api.gql(
      CREATE,
      { i: { name: 'rw', projectId: p1, access: 'READ_WRITE' } },
      viewer.session,
    );
    expect(failure(rw)).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SCOPE_EXCEEDS_ROLE',
      field: 'input.projectId',
    });
    const foreign = await api.gql(
      CREATE,
      { i: { name: 'x', projectId: p2, access: 'READ_ONLY' } },
      viewer.session,
    );
    expect(failure(foreign)).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_EXCEEDS_ROLE' });
    const runner = await api.gql(
      CREATE,
      { i: { name: 'gpu-1', kind: 'RUNNER', projectId: p1 } },
      viewer.session,
    );
    expect(failure(runner)?.code).toBe('FORBIDDEN');
    const ro = await api.gql(
      CREATE,
      { i: { name: 'ro', projectId: p1, access: 'READ_ONLY' } },
      viewer.session,
    );
    expect(ro.errors).toBeUndefined();
    expect(await api.db.prisma.apiToken.count()).toBe(before + 1);
  });

  it('runner tokens carry a label, show their last use to ADMINs, and are revocable', async () => {
    const r = await api.gql<Created>(
      CREATE,
      { i: { name: 'gpu-box-1', kind: 'RUNNER', projectId: p1 } },
      admin.session,
    );
    const { secret, token } = r.data!.createApiToken;
    // A runner call marks the token used.
    await api.gql(`{ me { id } }`, {}, secret);
    const LIST = `query($p: ID!) { project(id: $p) { runnerTokens { id name lastUsedAt revokedAt owner { email } } } }`;
    type L = {
      project: {
        runnerTokens: { id: string; name: string; lastUsedAt: string | null; owner: { email: string } }[];
      };
    };
    await waitFor(async () => {
      const l = await api.gql<L>(LIST, { p: p1 }, admin.session);
      return Boolean(l.data?.project.runnerTokens.find((t) => t.id === token.id)?.lastUsedAt);
    });
    const l = await api.gql<L>(LIST, { p: p1 }, admin.session);
    expect(l.data?.project.runnerTokens.find((t) => t.id === token.id)).toMatchObject({
      name: 'gpu-box-1',
      owner: { email: admin.email },
    });
    expect((await api.gql<L>(LIST, { p: p1 }, viewer.session)).data?.project.runnerTokens).toEqual([]);
    // Listing never shows a secret: the type has no such field.
    expect(failure(await api.gql(`{ me { apiTokens { secret } } }`, {}, admin.session))?.code).toBe(
      'BAD_USER_INPUT',
    );
    const rev = await api.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      { id: token.id },
      admin.session,
    );
    expect(rev.errors).toBeUndefined();
    expect(failure(await api.gql(`{ me { id } }`, {}, secret))?.code).toBe('UNAUTHENTICATED');
  });
});

// Users (issue 15): site admins list, disable and enable accounts (every session, token and open
// socket goes at once), issue reset links; people change their name and password.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { failure, GOOD_PASSWORD, person, siteAdmin, type Person } from '../helpers/accounts.ts';
import { waitFor } from '../helpers/domain.ts';
import { startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let root: Person;
let projectId: string;

beforeAll(async () => {
  api = await startApi();
  root = await siteAdmin(api);
  projectId = (await api.db.prisma.project.create({ data: { slug: 'users', name: 'Users' } })).id;
});
afterAll(() => api.close());

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`;
const ME = `{ me { id } }`;

describe('site admin: users', () => {
  it('lists users for site admins only', async () => {
    const m = await person(api, projectId, 'ADMIN', 'lister');
    const r = await api.gql<{ users: { edges: { node: { email: string } }[] } }>(
      `query($f: UserFilter) { users(filter: $f, first: 10) { edges { node { email name disabledAt hasPassword } } } }`,
      { f: { search: 'LISTER' } },
      root.session,
    );
    expect(r.data?.users.edges.map((e) => e.node.email)).toEqual([m.email]);
    expect(failure(await api.gql(`{ users { edges { node { id } } } }`, {}, m.session))?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('disabling ends sessions, tokens and open sockets at once; enabling restores sign-in only', async () => {
    const u = await person(api, projectId, 'MEMBER', 'disabled');
    const closes: number[] = [];
    const ws = createClient({
      url: api.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${u.session}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: { closed: (e) => closes.push((e as { code: number }).code) },
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('connected', () => resolve());
      ws.on('error', reject);
    });
    const r = await api.gql(
      `mutation($id: ID!) { disableUser(id: $id) { disabledAt } }`,
      { id: u.userId },
      root.session,
    );
    expect(r.errors).toBeUndefined();
    await waitFor(() => closes.includes(4403));
    expect(failure(await api.gql(ME, {}, u.session))?.code).toBe('UNAUTHENTICATED');
    expect(failure(await api.gql(ME, {}, u.token))?.code).toBe('UNAUTHENTICATED');
    const again = await api.gql(SIGN_IN, { e: u.email, p: u.password });
    expect(failure(again)).toMatchObject({ code: 'FORBIDDEN', reason: 'ACCOUNT_DISABLED' });
    const wrong = await api.gql(SIGN_IN, { e: u.email, p: 'not the password' });
    expect(failure(wrong)?.code).toBe('UNAUTHENTICATED');

    const en = await api.gql(
      `mutation($id: ID!) { enableUser(id: $id) { disabledAt } }`,
      { id: u.userId },
      root.session,
    );
    expect(en.errors).toBeUndefined();
    const back = await api.gql<{ signIn: { token: string } }>(SIGN_IN, { e: u.email, p: u.password });
    expect(back.errors).toBeUndefined();
    expect(failure(await api.gql(ME, {}, u.token))?.code).toBe('UNAUTHENTICATED');
    const ops = await api.db.prisma.auditEvent.findMany({
      where: { projectId: null, targetId: u.userId, operation: { in: ['disableUser', 'enableUser'] } },
      orderBy: { seq: 'asc' },
    });
    expect(ops.map((e) => [e.operation, e.actorId])).toEqual([
      ['disableUser', root.userId],
      ['enableUser', root.userId],
    ]);
    await ws.dispose();
  });

  it('keeps one enabled site admin and refuses self-disabling', async () => {
    const self = await api.gql(
      `mutation($id: ID!) { disableUser(id: $id) { id } }`,
      { id: root.userId },
      root.session,
    );
    expect(failure(self)).toMatchObject({ code: 'CONFLICT', reason: 'SELF' });
    const demote = await api.gql(
      `mutation($id: ID!) { setSiteAdmin(id: $id, isSiteAdmin: false) { isSiteAdmin } }`,
      { id: root.userId },
      root.session,
    );
    expect(failure(demote)).toMatchObject({ code: 'CONFLICT', reason: 'LAST_SITE_ADMIN' });
    const other = await person(api, null, null, 'second-root');
    const promote = await api.gql(
      `mutation($id: ID!) { setSiteAdmin(id: $id, isSiteAdmin: true) { isSiteAdmin } }`,
      { id: other.userId },
      root.session,
    );
    expect(promote.errors).toBeUndefined();
    // Now the second can take it back from the first, and the first's cached rights end with it.
    const other2 = await api.gql<{ signIn: { token: string } }>(SIGN_IN, {
      e: other.email,
      p: other.password,
    });
    const back = await api.gql(
      `mutation($id: ID!) { setSiteAdmin(id: $id, isSiteAdmin: false) { isSiteAdmin } }`,
      { id: other.userId },
      other2.data!.signIn.token,
    );
    expect(back.errors).toBeUndefined();
    expect(
      failure(await api.gql(`{ users { edges { node { id } } } }`, {}, other2.data!.signIn.token))?.code,
    ).toBe('FORBIDDEN');
    expect((await api.db.prisma.user.findUniqueOrThrow({ where: { id: root.userId } })).isSiteAdmin).toBe(
      true,
    );
  });

  it('issues a one-time reset link; using it sets the password and ends every session', async () => {
    const u = await person(api, projectId, 'VIEWER', 'forgot');
    const r = await api.gql<{ createPasswordReset: { url: string; emailSent: boolean } }>(
      `mutation($u: ID!) { createPasswordReset(userId: $u) { url emailSent expiresAt } }`,
      { u: u.userId },
      root.session,
    );
    const url = r.data!.createPasswordReset.url;
    expect(url).toMatch(/\/reset#token=dsp_/);
    expect(r.data!.createPasswordReset.emailSent).toBe(false);
    const info = await api.gql<{ passwordLink: { email: string; kind: string } }>(
      `query($t: String!) { passwordLink(token: $t) { email kind } }`,
      { t: url },
    );
    expect(info.data?.passwordLink).toEqual({ email: u.email, kind: 'RESET' });
    const RESET = `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }`;
    const weak = await api.gql(RESET, { i: { token: url, password: 'qwertyuiop123' } });
    expect(failure(weak)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PASSWORD_COMMON' });
    expect((await api.gql(ME, {}, u.session)).errors).toBeUndefined();
    const ok = await api.gql(RESET, { i: { token: url, password: GOOD_PASSWORD } });
    expect(ok.errors).toBeUndefined();
    expect(failure(await api.gql(ME, {}, u.session))?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(SIGN_IN, { e: u.email, p: GOOD_PASSWORD })).errors).toBeUndefined();
    expect(
      failure(await api.gql(RESET, { i: { token: url, password: 'yet another passphrase' } })),
    ).toMatchObject({
      code: 'CONFLICT',
      reason: 'LINK_USED',
    });
    const byMember = await api.gql(
      `mutation($u: ID!) { createPasswordReset(userId: $u) { url } }`,
      { u: root.userId },
      u.token,
    );
    expect(failure(byMember)?.code).toBe('FORBIDDEN');
  });
});

describe('settings: profile and password', () => {
  it('changes the name, and the password with the current one; other sessions end', async () => {
    const u = await person(api, projectId, 'MEMBER', 'changer');
    const other = await api.gql<{ signIn: { token: string } }>(SIGN_IN, { e: u.email, p: u.password });
    const name = await api.gql<{ updateProfile: { name: string } }>(
      `mutation { updateProfile(input: { name: "Grace Hopper" }) { name } }`,
      {},
      u.session,
    );
    expect(name.data?.updateProfile.name).toBe('Grace Hopper');
    const CHANGE = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) }`;
    const wrong = await api.gql(
      CHANGE,
      { i: { currentPassword: 'nope', newPassword: GOOD_PASSWORD } },
      u.session,
    );
    expect(failure(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.currentPassword' });
    const weak = await api.gql(
      CHANGE,
      { i: { currentPassword: u.password, newPassword: `${u.email.split('@')[0]} is me` } },
      u.session,
    );
    expect(failure(weak)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PASSWORD_CONTAINS_EMAIL' });
    const ok = await api.gql(
      CHANGE,
      { i: { currentPassword: u.password, newPassword: GOOD_PASSWORD } },
      u.session,
    );
    expect(ok.errors).toBeUndefined();
    expect((await api.gql(ME, {}, u.session)).errors).toBeUndefined();
    expect(failure(await api.gql(ME, {}, other.data!.signIn.token))?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(ME, {}, u.token)).errors).toBeUndefined();
    expect(failure(await api.gql(SIGN_IN, { e: u.email, p: u.password }))?.code).toBe('UNAUTHENTICATED');
  });
});

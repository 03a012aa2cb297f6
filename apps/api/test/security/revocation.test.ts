// Issue 14 finding 4: revocation reaches open WebSockets. signOut, revokeApiToken and revokeUserAccess
// (the hook for disabling users) close the sockets holding those credentials on every API replica
// (close 4403), their subscriptions end, and no further query or mutation runs on them.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { revokeUserAccess } from '../../src/modules/auth/revoke.ts';
import { waitFor } from '../helpers/domain.ts';
import { createUser, startApi, type Api } from '../helpers/harness.ts';

let a: Api;
let b: Api;
let projectId: string;
let runId: string;

beforeAll(async () => {
  a = await startApi();
  b = await startApi(a.db);
  projectId = (await a.db.prisma.project.create({ data: { slug: 'revoke', name: 'Revoke' } })).id;
  runId = (
    await a.db.prisma.run.create({ data: { projectId, kind: 'BASELINE', name: 'r', status: 'RUNNING' } })
  ).id;
});
afterAll(async () => {
  await b.server.stop();
  await a.close();
});

/** A member signed in through the API: its session token and its API token. */
async function member(tag: string) {
  const u = await createUser(a, projectId, 'MEMBER', tag);
  const s = await a.gql<{ signIn: { token: string } }>(
    `mutation($e: String!) { signIn(email: $e, password: "pw") { token } }`,
    { e: u.email },
  );
  return { ...u, session: s.data!.signIn.token };
}

/** A connected graphql-ws client on `api` and the close codes it saw. */
async function socket(api: Api, token: string): Promise<{ client: Client; closes: number[] }> {
  const closes: number[] = [];
  const client = createClient({
    url: api.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    // The close is what these tests wait for; the default reporter would print it.
    onNonLazyError: () => undefined,
    on: { closed: (e) => closes.push((e as { code: number }).code) },
  });
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('error', reject);
  });
  return { client, closes };
}

/** One operation over `client`: its data, or the error code / close it ended with. */
function run(client: Client, query: string): Promise<{ data?: unknown; code?: string }> {
  return new Promise((resolve) => {
    client.subscribe(
      { query, variables: { r: runId, p: projectId } },
      {
        next: (m) => resolve(m.errors ? { code: String(m.errors[0]?.extensions?.code) } : { data: m.data }),
        error: (e) =>
          resolve({
            code: Array.isArray(e)
              ? String((e[0] as { extensions?: { code?: string } }).extensions?.code)
              : `closed ${(e as { code?: number }).code ?? '?'}`,
          }),
        complete: () => undefined,
      },
    );
  });
}

const TAGS = `mutation($r: ID!) { setRunTags(runId: $r, tags: ["after-revocation"]) { id } }`;
const ME = `{ me { id } }`;

/** A live subscription over `client`; resolves with how it ended. */
function subscription(client: Client): Promise<string> {
  return new Promise((resolve) => {
    client.subscribe(
      { query: `subscription($p: ID!) { runUpdated(projectId: $p) { id } }`, variables: { p: projectId } },
      {
        next: () => undefined,
        error: (e) => resolve(`closed ${(e as { code?: number }).code ?? 'error'}`),
        complete: () => resolve('complete'),
      },
    );
  });
}

describe('revocation and open sockets', () => {
  it('signOut closes the session’s sockets and ends their subscriptions', async () => {
    const m = await member('signout');
    const { client, closes } = await socket(a, m.session);
    expect(await run(client, ME)).toMatchObject({ data: { me: { id: m.userId } } });
    const sub = subscription(client);
    const out = await a.gql(`mutation { signOut }`, {}, m.session);
    expect(out.errors).toBeUndefined();
    await waitFor(() => closes.includes(4403));
    expect(await sub).toBe('closed 4403');
    expect((await run(client, TAGS)).code).toMatch(/closed 4403|UNAUTHENTICATED/);
    expect((await a.db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).tags).not.toContain(
      'after-revocation',
    );
    await client.dispose();
  });

  it('revokeApiToken closes the token’s sockets on another replica, not the owner’s other sockets', async () => {
    const m = await member('token');
    const onB = await socket(b, m.token);
    const sessionOnB = await socket(b, m.session);
    const tok = await a.db.prisma.apiToken.findFirstOrThrow({ where: { userId: m.userId } });
    const r = await a.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: tok.id }, m.session);
    expect(r.errors).toBeUndefined();
    await waitFor(() => onB.closes.includes(4403));
    expect((await run(onB.client, TAGS)).code).toMatch(/closed 4403|UNAUTHENTICATED/);
    expect(await run(sessionOnB.client, ME)).toMatchObject({ data: { me: { id: m.userId } } });
    // A new connection with the revoked token is refused at connect.
    const again = createClient({
      url: b.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${m.token}` },
      retryAttempts: 0,
    });
    expect((await run(again, ME)).code).toBe('closed 4403');
    for (const c of [onB.client, sessionOnB.client, again]) await c.dispose();
  });

  it('revokeUserAccess (the hook for disabling users) ends every credential and socket of that user only', async () => {
    const target = await member('disabled');
    const bystander = await member('bystander');
    const sockets = [await socket(a, target.session), await socket(b, target.token)];
    const other = await socket(b, bystander.token);
    const counts = await a.db.prisma.$transaction((tx) => revokeUserAccess(a.server.deps, tx, target.userId));
    expect(counts).toEqual({ sessions: 1, tokens: 1 });
    await waitFor(() => sockets.every((s) => s.closes.includes(4403)));
    expect((await a.gql(ME, {}, target.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await a.gql(ME, {}, target.session)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await run(other.client, ME)).toMatchObject({ data: { me: { id: bystander.userId } } });
    for (const s of [...sockets, other]) await s.client.dispose();
  });
});

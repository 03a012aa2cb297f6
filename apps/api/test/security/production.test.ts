// Issue 14 finding 8 (API side): in production neither introspection nor the Sandbox landing page is
// served, on HTTP and WebSocket alike; no X-Powered-By; a dashboard session cookie opens a WebSocket
// only from a page of the same site (cross-site WebSocket hijacking is refused).
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { createUser, startApi, type Api } from '../helpers/harness.ts';

let prod: Api;
let dev: Api;
let session: string;

const INTROSPECT = `{ __schema { queryType { name } } }`;

beforeAll(async () => {
  prod = await startApi(undefined, { production: true });
  dev = await startApi(prod.db);
  const u = await createUser(prod, null, null, 'cookie');
  const r = await prod.gql<{ signIn: { token: string } }>(
    `mutation($e: String!) { signIn(email: $e, password: "pw") { token } }`,
    { e: u.email },
  );
  session = r.data!.signIn.token;
});
afterAll(async () => {
  await dev.server.stop();
  await prod.close();
});

/** One operation over a socket opened with `headers` (and no connectionParams); its data or how it ended. */
function overSocket(api: Api, query: string, headers: Record<string, string>) {
  const client = createClient({
    url: api.url.replace(/^http/, 'ws'),
    webSocketImpl: class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    },
    retryAttempts: 0,
  });
  return new Promise<{ data?: unknown; code?: string }>((resolve) => {
    client.subscribe(
      { query },
      {
        next: (m) => resolve(m.errors ? { code: String(m.errors[0]?.extensions?.code) } : { data: m.data }),
        error: (e) =>
          resolve({
            code: Array.isArray(e)
              ? String((e[0] as { extensions?: { code?: string } }).extensions?.code)
              : `closed ${(e as { code?: number }).code}`,
          }),
        complete: () => undefined,
      },
    );
  }).finally(() => client.dispose());
}

describe('production API surface', () => {
  it('refuses introspection over HTTP and WebSocket (development still answers it)', async () => {
    expect((await prod.gql(INTROSPECT)).errors?.[0]?.message).toMatch(/introspection/i);
    expect((await overSocket(prod, INTROSPECT, {})).data ?? null).toBeNull();
    expect((await dev.gql(INTROSPECT)).data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves no Sandbox landing page and no X-Powered-By', async () => {
    const res = await fetch(prod.url, { headers: { accept: 'text/html' } });
    const body = await res.text();
    expect(body).not.toMatch(/sandbox|embeddable|apollographql/i);
    expect(res.headers.get('x-powered-by')).toBeNull();
    const post = await fetch(prod.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ me { id } }"}',
    });
    expect(post.headers.get('x-powered-by')).toBeNull();
  });

  it('accepts the session cookie on a WebSocket from the same site only', async () => {
    const host = new URL(prod.url).hostname;
    const cookie = `distillery_session=${session}`;
    expect(
      await overSocket(prod, `{ me { email } }`, { cookie, origin: `http://${host}:3000` }),
    ).toMatchObject({
      data: { me: { email: expect.any(String) } },
    });
    expect(await overSocket(prod, `{ me { email } }`, { cookie, origin: 'http://evil.example' })).toEqual({
      code: 'closed 4403',
    });
    // Without the cookie a foreign page is just anonymous.
    expect(await overSocket(prod, `{ me { email } }`, { origin: 'http://evil.example' })).toEqual({
      data: { me: null },
    });
  });
});

// GraphQL at every path in GRAPHQL_PATHS, over HTTP and WebSocket: the Ingress sends /api/graphql to
// the API on the dashboard's host (infra/k8s/ingress.yaml), so that path must be the API in full.
import { createWsClient } from '@distillery/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { GRAPHQL_PATHS } from '../src/server.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';
import { gql } from '@distillery/testing';

let api: Api;
let token: string;

beforeAll(async () => {
  api = await startApi();
  const p = await api.db.prisma.project.create({ data: { slug: 'paths', name: 'Paths' } });
  token = (await createUser(api, p.id, 'MEMBER', 'paths')).token;
});
afterAll(() => api.close());

const at = (path: string) => new URL(path, api.url).toString();

describe('GraphQL paths', () => {
  it.each(GRAPHQL_PATHS)('%s answers queries over HTTP and over graphql-ws', async (path) => {
    const http = await gql<{ me: { email: string } }>(at(path), '{ me { email } }', {}, token);
    expect(http.errors).toBeUndefined();
    expect(http.data?.me.email).toMatch(/paths/);
    const ws = createWsClient({ url: at(path), token, webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const res = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        ws.subscribe(
          { query: '{ me { email } }' },
          { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
        );
      });
      expect(res).toEqual({ data: { me: { email: http.data?.me.email } } });
    } finally {
      await ws.dispose();
    }
  });

  it('refuses a WebSocket upgrade on any other path with 400', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(at('/elsewhere').replace(/^http/, 'ws'), 'graphql-transport-ws');
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => reject(new Error('upgrade accepted')));
      socket.once('error', () => undefined);
    });
    expect(status).toBe(400);
  });
});

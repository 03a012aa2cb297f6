import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '@distillery/db/embedded';
import { DEMO_USER } from '@distillery/db/seed';
import { gql, gqlData } from '@distillery/testing';
import { describe, expect, it } from 'vitest';

import { start } from './start-process.ts';

/** The local addresses that listen on `port` (IPv4 and IPv6), read from the kernel's socket tables. */
function listeningAddresses(port: number): string[] {
  const found = new Set<string>();
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [hexAddr, hexPort] = cols[1]!.split(':') as [string, string];
      if (parseInt(hexPort, 16) !== port) continue;
      found.add(v6 ? ipv6(hexAddr) : ipv4(hexAddr));
    }
  }
  return [...found].sort();
}

/** A little-endian hex IPv4 address from /proc/net/tcp as dotted quad. */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** An IPv6 address from /proc/net/tcp6 (four little-endian words), v4-mapped loopback shown as IPv4. */
function ipv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((w) =>
    [6, 4, 2, 0].map((i) => parseInt(hex.slice(w + i, w + i + 2), 16)),
  );
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
    return bytes.slice(12).join('.');
  }
  const words = [];
  for (let i = 0; i < 16; i += 2) words.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return words.join(':');
}

/** Sign in as the seeded demo user and ask whether it is a site admin. */
async function demoIsSiteAdmin(apiPort: number): Promise<boolean> {
  const url = `http://127.0.0.1:${apiPort}/graphql`;
  const { signIn } = await gqlData<{ signIn: { token: string } }>(
    url,
    'mutation($e:String!,$p:String!){signIn(email:$e,password:$p){token}}',
    { e: DEMO_USER.email, p: DEMO_USER.password },
  );
  const { me } = await gqlData<{ me: { isSiteAdmin: boolean } }>(
    url,
    '{ me { isSiteAdmin } }',
    {},
    signIn.token,
  );
  return me.isSiteAdmin;
}

describe('npm start', () => {
  it('runs API, runner and dashboard on the embedded database and stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'distillery-start-'));
    chmodSync(dataDir, 0o755);
    const [apiPort, webPort, pgPort] = [await freePort(), await freePort(), await freePort()];
    const s = start({
      DISTILLERY_DATA_DIR: dataDir,
      DISTILLERY_PG_PORT: String(pgPort),
      API_PORT: String(apiPort),
      WEB_PORT: String(webPort),
    });
    try {
      await s.waitFor(/ready in [\d.]+ s/, 240_000);
      expect(s.output()).toMatch(/database: embedded PostgreSQL/);
      // The runner reports ready on its own time (npm start's "ready" waits for the API and dashboard).
      await s.waitFor(/\[runner\] .*runner .* ready/, 120_000);
      expect(await gql(`http://127.0.0.1:${apiPort}/graphql`, '{ __typename }')).toEqual({
        status: 200,
        data: { __typename: 'Query' },
      });
      const web = await fetch(`http://127.0.0.1:${webPort}/`);
      expect(web.status).toBe(200);
      expect(await web.text()).toContain('Distillery');
      // Issue 14 finding 10: loopback only by default, and the demo user (public password) is no site admin.
      expect(listeningAddresses(apiPort)).toEqual(['127.0.0.1']);
      expect(listeningAddresses(webPort)).toEqual(['127.0.0.1']);
      expect(await demoIsSiteAdmin(apiPort)).toBe(false);
    } finally {
      s.kill('SIGINT');
    }
    expect(await s.exit).toBe(0);
    expect(s.output()).toMatch(/distillery: stopped/);
  }, 300_000);

  it('explains a malformed DATABASE_URL in one line and exits non-zero', async () => {
    const s = start({
      DATABASE_URL: 'mysql://nope',
      API_PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
    });
    expect(await s.exit).toBe(1);
    expect(s.output().trim().split('\n')).toEqual([
      'distillery: DATABASE_URL must start with postgresql:// (got mysql://); unset it to use the embedded database',
    ]);
  });

  it('refuses a port that is already taken', async () => {
    const net = await import('node:net');
    const srv = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const taken = (srv.address() as { port: number }).port;
    try {
      const s = start({ API_PORT: String(taken), WEB_PORT: String(await freePort()) });
      expect(await s.exit).toBe(1);
      expect(s.output()).toContain(`port ${taken} (API_PORT) is already in use`);
    } finally {
      srv.close();
    }
  });
});

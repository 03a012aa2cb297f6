import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '@distillery/db/embedded';
import { describe, expect, it } from 'vitest';

import { start } from './start-process.ts';

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
      expect(s.output()).toMatch(/\[runner\] .*runner .* ready/);
      const api = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
      const web = await fetch(`http://127.0.0.1:${webPort}/`);
      expect(web.status).toBe(200);
      expect(await web.text()).toContain('Distillery');
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

import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { freePort, startEmbeddedPostgres } from './embedded.ts';

async function q(url: string, sql: string): Promise<pg.QueryResultRow[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('starts, stops and restarts with its data', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'emb-'));
    // mkdtemp makes a 0700 folder; as root the server runs as the postgres user, which must enter it.
    chmodSync(parent, 0o755);
    const dataDir = join(parent, 'pg');
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
    try {
      await q(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
    } finally {
      await first.stop();
    }
    await expect(q(first.url, 'SELECT 1')).rejects.toThrow();
    const second = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
    try {
      expect(await q(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a port that is already taken, naming the variable to change', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'emb-')), 'pg');
    const net = await import('node:net');
    const srv = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const port = (srv.address() as { port: number }).port;
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        /already in use.*DISTILLERY_PG_PORT/,
      );
    } finally {
      srv.close();
    }
  });
});

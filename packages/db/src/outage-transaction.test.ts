// A transaction begun while the server is down waits for it like a plain query does: Prisma's own
// maxWait (5 s) used to end it with P2028 "Unable to start a transaction in the given time" while the
// patient pool was still waiting, and a runner's fenced write failed as INTERNAL (outage test, 496bac5).
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createDatabase } from './client.ts';
import { freePort, startEmbeddedPostgres } from './embedded.ts';

describe('a transaction during an outage', () => {
  it('starts once the server is back, after longer than 5 s down', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'outage-tx-'));
    chmodSync(parent, 0o755);
    const dataDir = join(parent, 'pg');
    const port = await freePort();
    let server = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
    const db = createDatabase(server.url, { max: 1, outageWaitMs: 60_000 });
    try {
      expect(await db.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      await server.stop();
      const downAt = Date.now();
      const tx = db.prisma.$transaction(async (t) => t.$queryRaw`SELECT 2 AS two`);
      const settled = tx.then(
        (v) => ({ ok: true as const, v, at: Date.now() }),
        (e: unknown) => ({ ok: false as const, e, at: Date.now() }),
      );
      await new Promise((r) => setTimeout(r, 7_000));
      server = await startEmbeddedPostgres({ dataDir, port, database: 'distillery' });
      const out = await settled;
      expect(out.ok ? out.v : String(out.e)).toEqual([{ two: 2 }]);
      expect(out.at - downAt).toBeGreaterThan(7_000);
    } finally {
      await db.close();
      await server.stop();
    }
  }, 90_000);
});

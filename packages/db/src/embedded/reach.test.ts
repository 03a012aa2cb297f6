// As root the embedded server runs as `postgres`; these run as root here (CI too) and build the
// situations that used to fail with a raw EACCES: a data folder under a mode-700 folder, and binaries
// in a checkout under a mode-700 folder (a clone under /root).
import { chmodSync, cpSync, lstatSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { freePort, startEmbeddedPostgres } from '../embedded.ts';
import { locateBinaries } from './binaries.ts';

const asRoot = process.getuid?.() === 0;

async function whoAmI(url: string): Promise<{ user: string; superuser: string }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ user: string; superuser: string }>(
      "SELECT current_user AS user, current_setting('is_superuser') AS superuser",
    );
    return r.rows[0]!;
  } finally {
    await c.end();
  }
}

describe.runIf(asRoot)('embedded PostgreSQL started as root', () => {
  it('works from a data folder the postgres user cannot enter, as a non-superuser app role', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'emb-700-'));
    chmodSync(locked, 0o700);
    const shared = mkdtempSync(join(tmpdir(), 'emb-shared-'));
    const dataDir = join(locked, 'pg');
    const server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      database: 'distillery',
      appRole: 'distillery',
      sharedDir: shared,
    });
    try {
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      expect(server.pgdata.startsWith(join(shared, 'clusters'))).toBe(true);
      expect(await whoAmI(server.url)).toEqual({ user: 'distillery', superuser: 'off' });
      // The superuser password is random and kept, mode 600, in the cluster folder.
      const file = join(server.pgdata, 'distillery-credentials.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const creds = JSON.parse(readFileSync(file, 'utf8')) as { superuser: string };
      expect(creds.superuser).not.toBe('postgres');
      expect(creds.superuser.length).toBeGreaterThanOrEqual(24);
    } finally {
      await server.stop();
    }
  });

  it('copies binaries the postgres user cannot execute to the shared folder', async () => {
    const bin = await locateBinaries();
    const locked = mkdtempSync(join(tmpdir(), 'emb-bin-700-'));
    chmodSync(locked, 0o700);
    // The package's layout: <pkg>/package.json beside <pkg>/native.
    cpSync(join(bin.dir, '..', 'package.json'), join(locked, 'package.json'));
    cpSync(bin.dir, join(locked, 'native'), { recursive: true });
    const shared = mkdtempSync(join(tmpdir(), 'emb-shared-'));
    const parent = mkdtempSync(join(tmpdir(), 'emb-data-'));
    chmodSync(parent, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: join(parent, 'pg'),
      port: await freePort(),
      sharedDir: shared,
      binDir: join(locked, 'native'),
    });
    try {
      expect((await whoAmI(server.adminUrl)).superuser).toBe('on');
    } finally {
      await server.stop();
    }
  });

  it('fails with one line naming what to do when nothing reachable can be made', async () => {
    const locked = mkdtempSync(join(tmpdir(), 'emb-700-'));
    chmodSync(locked, 0o700);
    // A shared folder under a regular file cannot be created.
    const file = join(mkdtempSync(join(tmpdir(), 'emb-f-')), 'not-a-dir');
    cpSync(join(dirname(import.meta.filename), 'errors.ts'), file);
    const err = await startEmbeddedPostgres({
      dataDir: join(locked, 'pg'),
      port: await freePort(),
      sharedDir: join(file, 'shared'),
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/runs as the system user postgres .* cannot enter .*DISTILLERY_PG_SHARED_DIR/);
  });
});

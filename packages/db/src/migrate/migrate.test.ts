import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { withDatabase } from '../database-url.ts';
import { adminQuery, testServer } from '../testing/index.ts';
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from './index.ts';

const { adminUrl } = testServer();
const name = `dt_mig_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const url = withDatabase(adminUrl, name);

async function query<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  at = url,
): Promise<T[]> {
  const c = new pg.Client({ connectionString: at });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(() => adminQuery(adminUrl, `CREATE DATABASE "${name}"`));
afterAll(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

describe('applyMigrations', () => {
  it('applies every migration once; a second run is a no-op', async () => {
    const files = listMigrations(MIGRATIONS_DIR);
    expect(files.length).toBeGreaterThan(0);
    const first = await applyMigrations(url, MIGRATIONS_DIR);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const tablesBefore = await query(
      'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1',
      ['public'],
    );
    const second = await applyMigrations(url, MIGRATIONS_DIR);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(files.map((f) => f.name));
    const tablesAfter = await query(
      'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1',
      ['public'],
    );
    expect(tablesAfter).toEqual(tablesBefore);
    expect((await query('SELECT count(*)::int AS n FROM "_prisma_migrations"'))[0]).toEqual({
      n: files.length,
    });
  });

  it('records rows the way Prisma does: sha256 of migration.sql, finished, one step', async () => {
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      id: string;
    }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    for (const row of rows) {
      const bytes = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const cols = await query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(cols.map((c) => c.column_name)).toEqual([
      'id',
      'checksum',
      'finished_at',
      'migration_name',
      'logs',
      'rolled_back_at',
      'started_at',
      'applied_steps_count',
    ]);
  });
});

describe('failure handling', () => {
  function fixtureDir(migrations: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    for (const [n, sql] of Object.entries(migrations)) {
      mkdirSync(join(dir, n));
      writeFileSync(join(dir, n, 'migration.sql'), sql);
    }
    return dir;
  }

  it('rolls a failing migration back whole and keeps the last good one', async () => {
    const db = `${name}_f`;
    await adminQuery(adminUrl, `CREATE DATABASE "${db}"`);
    const dbUrl = withDatabase(adminUrl, db);
    try {
      const dir = fixtureDir({
        '001_good': 'CREATE TABLE good (id int);',
        '002_bad': 'CREATE TABLE half (id int); SELECT no_such_function();',
      });
      await expect(applyMigrations(dbUrl, dir)).rejects.toThrow(/002_bad failed and was rolled back/);
      const tables = await query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
        [],
        dbUrl,
      );
      expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', 'good']);
      const names = await query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations"',
        [],
        dbUrl,
      );
      expect(names).toEqual([{ migration_name: '001_good' }]);

      // An edited, already-applied migration is refused with a clear message.
      writeFileSync(join(dir, '001_good', 'migration.sql'), 'CREATE TABLE good (id bigint);');
      await expect(applyMigrations(dbUrl, dir)).rejects.toThrow(/001_good was edited after it was applied/);

      writeFileSync(join(dir, '001_good', 'migration.sql'), 'CREATE TABLE good (id int);');
      // A half-applied row (as a crashed Prisma deploy leaves it) is reported, not silently skipped.
      await query(
        "INSERT INTO \"_prisma_migrations\" (id, checksum, migration_name) VALUES ('00000000-0000-0000-0000-000000000000', 'x', '003_crashed')",
        [],
        dbUrl,
      );
      await expect(applyMigrations(dbUrl, dir)).rejects.toThrow(/003_crashed is half-applied/);
    } finally {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    }
  });

  it('says clearly when the server refuses the connection', async () => {
    await expect(applyMigrations('postgresql://postgres@127.0.0.1:1/x', MIGRATIONS_DIR)).rejects.toThrow(
      /cannot connect to .*nothing is listening there/,
    );
  });
});

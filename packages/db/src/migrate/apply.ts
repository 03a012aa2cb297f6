import { randomUUID } from 'node:crypto';

import { AppError, AppErrorCode } from '@distillery/errors';
import pg from 'pg';

import { connectionError } from '../errors.ts';
import { redactUrl } from '../database-url.ts';
import { listMigrations, type MigrationFile } from './list.ts';

// Exactly the table `prisma migrate deploy` creates, so either tool can continue where the other stopped.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
// Any constant works; it only has to be the same for every migrator of this database.
const ADVISORY_LOCK_KEY = 72_707_369;

/** Outcome of one `applyMigrations` call. */
export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Apply pending migrations from `dir` to the database at `url`, each in its own transaction, recording
 * them in `_prisma_migrations` as Prisma does. Re-running is a no-op; a failed migration rolls back
 * whole, leaving the database at the last good one. Concurrent callers serialise on an advisory lock.
 */
export async function applyMigrations(url: string, dir: string): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw connectionError(e, redactUrl(url));
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const rows = (
      await client.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      )
    ).rows;
    const files = listMigrations(dir);
    checkHistory(rows, files);
    const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const m of files) {
      if (done.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      await applyOne(client, m);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

function checkHistory(rows: AppliedRow[], files: MigrationFile[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const r of rows) {
    if (!r.finished_at && !r.rolled_back_at) {
      throw new AppError(
        AppErrorCode.CONFIG,
        `migration ${r.migration_name} is half-applied (started, never finished); inspect the database, then delete its row from "_prisma_migrations" (or run \`prisma migrate resolve --rolled-back ${r.migration_name}\`) and migrate again`,
      );
    }
    const f = byName.get(r.migration_name);
    if (r.finished_at && !r.rolled_back_at && f && f.checksum !== r.checksum) {
      throw new AppError(
        AppErrorCode.CONFIG,
        `migration ${r.migration_name} was edited after it was applied (checksum ${r.checksum.slice(0, 12)}… in the database, ${f.checksum.slice(0, 12)}… on disk); restore the file and add a new migration instead`,
      );
    }
  }
}

async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    const id = randomUUID();
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, m.checksum, m.name],
    );
    await client.query(m.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    const msg = e instanceof Error ? e.message : String(e);
    throw new AppError(
      AppErrorCode.CONFIG,
      `migration ${m.name} failed and was rolled back (the database stays at the previous migration): ${msg}`,
      { cause: e },
    );
  }
}

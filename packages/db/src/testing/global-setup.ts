import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';
import type { TestProject } from 'vitest/node';

import { withDatabase } from '../database-url.ts';
import { installJobQueue } from '../jobs/install.ts';
import { applyMigrations, ensureAppRole, listMigrations, MIGRATIONS_DIR } from '../migrate/index.ts';
import { TEST_APP_ROLE } from './app-role.ts';
import { resolveTestServer } from '../resolve.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * Vitest global setup: pick the server (DATABASE_URL, local 127.0.0.1:5432, or embedded), build a
 * template database from the migrations once per migration set, and hand both to the test files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await resolveTestServer(REPO_ROOT, process.env.DATABASE_URL || undefined);
  const digest = createHash('sha256')
    .update(
      listMigrations(MIGRATIONS_DIR)
        .map((m) => m.name + m.checksum)
        .join('\n') + '\njobs:graphile-worker-0.17\napp-role:2',
    )
    .digest('hex')
    .slice(0, 12);
  const template = `distillery_tpl_${digest}`;
  await ensureTemplate(server.adminUrl, template);
  project.provide('distilleryDb', { adminUrl: server.adminUrl, template });
  return () => server.stop();
}

async function ensureTemplate(adminUrl: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Serialise concurrent suites (several processes may start at once) on one lock.
    await admin.query('SELECT pg_advisory_lock(72707370)');
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) {
      const building = `${template}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}"`);
      await applyMigrations(withDatabase(adminUrl, building), MIGRATIONS_DIR);
      await installJobQueue(withDatabase(adminUrl, building));
      // The grants are copied into every clone; tests connect the API as this non-superuser role.
      await ensureAppRole(withDatabase(adminUrl, building), TEST_APP_ROLE);
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(72707370)').catch(() => undefined);
    await admin.end();
  }
}

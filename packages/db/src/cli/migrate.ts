// `npm run db:migrate`: apply pending SQL migrations to DATABASE_URL (or the embedded database).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { isAppError } from '@distillery/errors';

import { installJobQueue } from '../jobs/install.ts';
import { redactUrl } from '../database-url.ts';
import { applyMigrations, ensureAppRole, MIGRATIONS_DIR } from '../migrate/index.ts';
import { readDbEnv } from './env.ts';
import { openProductDatabase } from './open-database.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

async function main(): Promise<void> {
  const env = readDbEnv(repoRoot);
  const db = await openProductDatabase(env, () => undefined);
  try {
    const res = await applyMigrations(db.url, MIGRATIONS_DIR);
    await installJobQueue(db.url);
    // The API and runners connect as this role, migrations as the owner (issue 14 finding 7).
    const appUrl = env.DISTILLERY_APP_ROLE_PASSWORD
      ? await ensureAppRole(db.url, { password: env.DISTILLERY_APP_ROLE_PASSWORD })
      : null;
    if (appUrl) console.log(`db:migrate: applications connect as ${redactUrl(appUrl)}`);
    console.log(
      `db:migrate: ${db.description}: applied ${res.applied.length} (${res.applied.join(', ') || 'none'}), ${res.alreadyApplied.length} already applied`,
    );
  } finally {
    await db.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`db:migrate: ${isAppError(e) || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

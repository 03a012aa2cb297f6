// `npm run db:migrate`: the migrate step of every deployment (compose `migrate`, the Kubernetes Job,
// Slurm, by hand): migrations, job queue, architecture registry and the first admin, on DATABASE_URL
// (or the embedded database when it is unset). Prints one line; exits non-zero with one line on error.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { adminFromEnv, readDbEnv } from '@distillery/db/cli/env';
import { openProductDatabase } from '@distillery/db/cli/open-database';
import { redactUrl } from '@distillery/db';
import { ensureAppRole } from '@distillery/db/migrate';

import { adminSetupLines, prepareDatabase } from './start/prepare.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const env = readDbEnv(root);
  const db = await openProductDatabase(env, () => undefined);
  try {
    const res = await prepareDatabase(db.ownerUrl, { demo: false, admin: adminFromEnv(env) });
    // The API and runners connect as this role, migrations as the owner (issue 14 finding 7).
    if (env.DISTILLERY_APP_ROLE_PASSWORD) {
      const appUrl = await ensureAppRole(db.ownerUrl, { password: env.DISTILLERY_APP_ROLE_PASSWORD });
      process.stdout.write(`db:migrate: applications connect as ${redactUrl(appUrl)}\n`);
    }
    const who = res.admin ? `; admin ${env.DISTILLERY_ADMIN_EMAIL} ${res.admin.outcome}` : '';
    process.stdout.write(
      `db:migrate: ${db.description}: ${res.applied} applied, ${res.alreadyApplied} already applied${who}\n`,
    );
    for (const line of adminSetupLines(env.DISTILLERY_ADMIN_EMAIL, res.admin))
      process.stdout.write(`db:migrate: ${line}\n`);
  } finally {
    await db.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`db:migrate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

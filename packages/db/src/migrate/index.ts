import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { applyMigrations, type MigrateResult } from './apply.ts';
export { APP_ROLE, ensureAppRole } from './app-role.ts';
export { listMigrations, migrationChecksum, type MigrationFile } from './list.ts';

/** The repository's `prisma/migrations` folder. */
export const MIGRATIONS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'prisma',
  'migrations',
);

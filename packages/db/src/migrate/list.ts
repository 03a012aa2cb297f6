import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One migration folder: `prisma/migrations/<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** Prisma's checksum: hex SHA-256 of the migration.sql bytes. */
  checksum: string;
}

/** Hex SHA-256 of a migration script, as Prisma records it in `_prisma_migrations.checksum`. */
export function migrationChecksum(sql: Buffer | string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Read every migration folder under `dir`, in name (timestamp) order. */
export function listMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: migrationChecksum(bytes) };
    });
}

// A migrated database of a bench's own: on DATABASE_URL's server, else the local one on
// 127.0.0.1:5432, else an embedded PostgreSQL; `drop` removes it again.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createDatabase, withDatabase } from '@distillery/db';
import { freePort, startEmbeddedPostgres } from '@distillery/db/embedded';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function pickServer(name: string): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const none = async (): Promise<void> => undefined;
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, stop: none };
  const local = 'postgresql://postgres@127.0.0.1:5432/postgres';
  const probe = createDatabase(local, { max: 1 });
  const answers = await probe.prisma.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  await probe.close();
  if (answers) return { adminUrl: local, stop: none };
  return startEmbeddedPostgres({ dataDir: join(ROOT, '.data', `bench-${name}-pg`), port: await freePort() });
}

/** Create, migrate and open the bench database `bench_<name>_<pid>`. */
export async function openBenchDatabase(name: string) {
  const server = await pickServer(name);
  const admin = createDatabase(server.adminUrl, { max: 1 });
  const dbName = `bench_${name}_${process.pid}`;
  await admin.prisma.$executeRawUnsafe(`CREATE DATABASE "${dbName}"`);
  const url = withDatabase(server.adminUrl, dbName);
  await applyMigrations(url, MIGRATIONS_DIR);
  await installJobQueue(url);
  const db = createDatabase(url, { max: 4 });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await admin.prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.close();
      await server.stop();
    },
  };
}

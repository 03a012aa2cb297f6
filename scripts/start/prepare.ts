import { createDatabase } from '@distillery/db';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import { bootstrapAdmin, type BootstrapOutcome, seedArchitectures, seedDemo } from '@distillery/db/seed';
import { listArchitectures } from '@distillery/ml';

/** What the migrate step does besides migrations. */
export interface PrepareOptions {
  /** Seed the demo project and user (`npm start` only; its password is public). */
  demo?: boolean;
  /** The first site admin (DISTILLERY_ADMIN_EMAIL + DISTILLERY_ADMIN_PASSWORD_FILE). */
  admin?: { email: string; passwordFile: string } | undefined;
}

/** What prepareDatabase did. */
export interface Prepared {
  applied: number;
  alreadyApplied: number;
  admin: BootstrapOutcome | null;
}

/**
 * The migrate step every deployment path runs (`npm start`, `npm run db:migrate`, the compose
 * `migrate` service, the Kubernetes Job, Slurm): SQL migrations, the job queue schema, the
 * architecture registry, the first admin, and on `npm start` the demo project. Idempotent.
 */
export async function prepareDatabase(
  url: string,
  options: PrepareOptions = { demo: true },
): Promise<Prepared> {
  const res = await applyMigrations(url, MIGRATIONS_DIR);
  await installJobQueue(url);
  const { prisma, close } = createDatabase(url, { max: 2 });
  let admin: BootstrapOutcome | null = null;
  try {
    if (options.demo) await seedDemo(prisma);
    // The architecture registry lives in code; runs name an architecture by key (the CLI tutorial uses `test`).
    await seedArchitectures(
      prisma,
      listArchitectures().map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
    );
    if (options.admin) admin = await bootstrapAdmin(prisma, options.admin);
  } finally {
    await close();
  }
  return { applied: res.applied.length, alreadyApplied: res.alreadyApplied.length, admin };
}

import { createDatabase } from '@distillery/db';
import { installJobQueue } from '@distillery/db/jobs';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import {
  bootstrapAdmin,
  type BootstrapAdmin,
  type BootstrapResult,
  seedArchitectures,
  seedDemo,
  SETUP_LINK_HOURS,
} from '@distillery/db/seed';
import { listArchitectures } from '@distillery/ml';

/** What the migrate step does besides migrations. */
export interface PrepareOptions {
  /** Seed the demo project and user (`npm start` only; its password is public). */
  demo?: boolean;
  /** The first site admin (DISTILLERY_ADMIN_EMAIL, with DISTILLERY_ADMIN_PASSWORD_FILE or a setup link). */
  admin?: BootstrapAdmin | undefined;
}

/** What prepareDatabase did. */
export interface Prepared {
  applied: number;
  alreadyApplied: number;
  admin: BootstrapResult | null;
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
  let admin: BootstrapResult | null = null;
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

/** What to tell the operator about the first admin's setup link (printed once: only its hash is kept). */
export function adminSetupLines(email: string | undefined, admin: BootstrapResult | null): string[] {
  if (!admin || !email) return [];
  if (admin.setupUrl)
    return [
      `first admin ${email} has no password yet: open this one-time link within ${SETUP_LINK_HOURS} h to choose one`,
      `  ${admin.setupUrl}`,
    ];
  if (admin.pendingSetupUntil)
    return [
      `first admin ${email} has not set a password; the setup link printed earlier works until ${admin.pendingSetupUntil.toISOString()}`,
    ];
  return [];
}

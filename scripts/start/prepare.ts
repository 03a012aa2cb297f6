import { createDatabase } from '@distillery/db';
import { applyMigrations, MIGRATIONS_DIR } from '@distillery/db/migrate';
import { seedArchitectures, seedDemo } from '@distillery/db/seed';
import { listArchitectures } from '@distillery/ml';

/** Migrate the product database and seed the demo project and the architecture registry (idempotent). */
export async function prepareDatabase(url: string): Promise<{ applied: number; alreadyApplied: number }> {
  const res = await applyMigrations(url, MIGRATIONS_DIR);
  const { prisma, close } = createDatabase(url, { max: 2 });
  try {
    await seedDemo(prisma);
    // The architecture registry lives in code; runs name an architecture by key (the CLI tutorial uses `test`).
    await seedArchitectures(
      prisma,
      listArchitectures().map((a) => ({ ...a, trainingParams: { ...a.trainingParams } })),
    );
  } finally {
    await close();
  }
  return { applied: res.applied.length, alreadyApplied: res.alreadyApplied.length };
}

import type { PrismaClient } from '@distillery/db';

/** Where a job's prerequisite runs stand. */
export type DependencyState =
  { state: 'ready' } | { state: 'waiting'; pending: number } | { state: 'failed'; reason: string };

/** Check the runs a job waits for (teachers before their ensemble or student). */
export async function checkDependencies(
  prisma: PrismaClient,
  runIds: readonly string[],
): Promise<DependencyState> {
  if (runIds.length === 0) return { state: 'ready' };
  const runs = await prisma.run.findMany({
    where: { id: { in: [...runIds] } },
    select: { id: true, name: true, status: true },
  });
  const missing = runIds.filter((id) => !runs.some((r) => r.id === id));
  if (missing.length > 0) return { state: 'failed', reason: `dependency run ${missing[0]} does not exist` };
  const bad = runs.find((r) => r.status === 'FAILED' || r.status === 'CANCELLED');
  if (bad) return { state: 'failed', reason: `dependency ${bad.name} (${bad.id}) ended ${bad.status}` };
  const pending = runs.filter((r) => r.status !== 'SUCCEEDED').length;
  return pending === 0 ? { state: 'ready' } : { state: 'waiting', pending };
}

/** Make jobs waiting on `runId` look again now instead of at their next poll (best effort). */
export async function nudgeDependents(prisma: PrismaClient, runId: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE graphile_worker._private_jobs SET run_at = now()
    WHERE locked_at IS NULL AND run_at > now() AND (payload::jsonb)->'dependsOnRunIds' ? ${runId}`.catch(
    () => undefined,
  );
}

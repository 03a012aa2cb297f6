// The experiment driver. The API creates every run of the grid and its job in one transaction
// (teachers ready at once; ensembles and students wait on their teachers through `dependsOnRunIds`);
// this job follows the grid and closes the EXPERIMENT run when every member run has ended.
import { isTerminalRunStatus, type JobPayload } from '@distillery/domain';
import type { PrismaClient } from '@distillery/db';

/** Mark the experiment RUNNING while its runs go on; SUCCEEDED/FAILED with counts once all ended. */
export async function handleInline(
  prisma: PrismaClient,
  payload: JobPayload<'experiment-plan'>,
): Promise<boolean> {
  const runs = await prisma.run.findMany({ where: { id: { in: payload.runIds } }, select: { status: true } });
  const counts: Record<string, number> = {};
  for (const r of runs) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const done = runs.length === payload.runIds.length && runs.every((r) => isTerminalRunStatus(r.status));
  if (!done) {
    await prisma.run.updateMany({
      where: { id: payload.runId, status: 'QUEUED' },
      data: { status: 'RUNNING', startedAt: new Date() },
    });
    return false;
  }
  const failed = (counts.FAILED ?? 0) + (counts.CANCELLED ?? 0);
  const status = failed === 0 ? 'SUCCEEDED' : 'FAILED';
  const summary = {
    runs: runs.length,
    succeeded: counts.SUCCEEDED ?? 0,
    failed: counts.FAILED ?? 0,
    cancelled: counts.CANCELLED ?? 0,
  };
  await prisma.$transaction(async (tx) => {
    const n = await tx.run.updateMany({
      where: { id: payload.runId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: {
        status,
        summary,
        finishedAt: new Date(),
        ...(failed ? { failureReason: `${failed} of ${runs.length} runs did not succeed` } : {}),
      },
    });
    if (n.count === 1)
      await tx.runEvent.create({
        data: { runId: payload.runId, type: status, message: JSON.stringify(summary) },
      });
  });
  return true;
}

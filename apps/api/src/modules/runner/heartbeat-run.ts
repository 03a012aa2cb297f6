import { beatRunner, FencedError, heartbeat } from '@distillery/db/lifecycle';

import type { Context } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { leaseOf, runnerRun } from './runner-access.ts';

/**
 * Renew a remote runner's lease (the shared lifecycle's heartbeat); returns the run, so a CANCELLED
 * status tells the runner to stop. Refused (CONFLICT) when this attempt, runner id and token do not hold it.
 */
export async function heartbeatRun(ctx: Context, runIdRaw: string, attempt: number, runnerIdRaw: unknown) {
  const { id, projectId } = await runnerRun(ctx, runIdRaw);
  const lease = leaseOf(ctx, id, attempt, runnerIdRaw);
  return audited(
    ctx,
    {
      operation: 'heartbeat',
      targetType: 'Run',
      args: { runId: id, attempt, runnerId: lease.runnerId },
      projectId,
      targetId: id,
    },
    async (tx) => {
      if ((await heartbeat(tx, lease)) === 'fenced') throw new FencedError(id);
      // A run's beat proves its runner alive too (a no-op for runners that never registered).
      await beatRunner(tx, lease.runnerId, lease.tokenId ?? null);
      return tx.run.findUniqueOrThrow({ where: { id } });
    },
  );
}

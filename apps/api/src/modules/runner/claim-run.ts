import { claimRun as claim, type ClaimOutcome } from '@distillery/db/lifecycle';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { runnerIdSchema, runnerRun } from './runner-access.ts';

// Why a claim was refused, without saying who holds the run or at which attempt.
const REFUSED: Record<Exclude<ClaimOutcome, { claimed: true }>['reason'], string> = {
  missing: 'does not exist',
  deleted: 'is deleted',
  live: 'is RUNNING on a live runner; it can be claimed once its heartbeat expires',
  'not-claimable':
    'has ended; only QUEUED runs (or RUNNING runs whose runner stopped heartbeating) can be claimed',
};

/**
 * Claim a run for a remote runner through the shared lifecycle (RUNNER token of the run's project): the
 * same claim the in-process runner makes, fenced on the token too. Returns the attempt to carry.
 */
export async function claimRun(ctx: Context, runIdRaw: string, runnerIdRaw: unknown) {
  const runnerId = parseInput(runnerIdSchema, runnerIdRaw, 'runnerId');
  const { id, projectId } = await runnerRun(ctx, runIdRaw);
  return audited(
    ctx,
    { operation: 'claimRun', targetType: 'Run', args: { runId: id, runnerId }, projectId, targetId: id },
    async (tx) => {
      const outcome = await claim(tx, { runId: id, runnerId, tokenId: ctx.actor.tokenId });
      if (!outcome.claimed)
        throw new AppError(AppErrorCode.CONFLICT, `run ${id} ${REFUSED[outcome.reason]}`, { field: 'runId' });
      const run = await tx.run.findUniqueOrThrow({ where: { id } });
      return { run, attempt: outcome.lease.attempt };
    },
  );
}

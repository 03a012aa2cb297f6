import { finishRun, reportProgress } from '@distillery/db/lifecycle';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { leaseOf, runnerRun } from './runner-access.ts';

const reportSchema = z.object({
  runId: z.uuid(),
  attempt: z.number().int().min(0),
  runnerId: z.string(),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']),
  failureReason: z.string().max(10_000).nullish(),
  summary: z.record(z.string(), z.unknown()).nullish(),
  parameterCount: z.number().int().min(0).nullish(),
});

/**
 * A remote runner's report through the shared lifecycle: RUNNING renews the lease and merges summary
 * keys; SUCCEEDED/FAILED/CANCELLED end the attempt (summary merged, CANCELLED kept when the run was
 * cancelled meanwhile). Fenced on attempt, runner id and token.
 */
export async function reportRunStatus(ctx: Context, raw: unknown) {
  const input = parseInput(reportSchema, raw, 'input');
  const { id, projectId } = await runnerRun(ctx, input.runId, 'input.runId');
  const lease = leaseOf(ctx, id, input.attempt, input.runnerId, 'input.runnerId');
  return audited(
    ctx,
    { operation: 'reportRunStatus', targetType: 'Run', args: input, projectId, targetId: id },
    async (tx) => {
      if (input.status === 'RUNNING')
        await reportProgress(tx, lease, { summary: input.summary, parameterCount: input.parameterCount });
      else
        await finishRun(tx, lease, {
          status: input.status,
          summary: input.summary,
          parameterCount: input.parameterCount,
          reason: input.failureReason,
        });
      return tx.run.findUniqueOrThrow({ where: { id } });
    },
  );
}

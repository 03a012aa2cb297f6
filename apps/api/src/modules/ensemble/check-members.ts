import { isTerminalRunStatus } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import type { Context } from '../../context.ts';

/** Fusion needs some weight: all-zero weights would divide by zero or silently become uniform. */
export function checkWeights(weights: readonly number[] | null | undefined): void {
  if (weights?.length && weights.every((w) => w === 0))
    throw badInput('input.weights', weights, 'at least one weight must be positive');
}

/**
 * Every member whose teacher has finished must have TEST predictions on the checkpoint the
 * evaluate-ensemble job reads (the member's own checkpoint, else its teacher's newest FINAL one; see
 * apps/runner member-predictions.ts): otherwise the job could only fail later. Members still queued
 * or running are let through; their teacher job writes those predictions.
 */
export async function checkTestPredictions(
  ctx: Context,
  members: readonly { teacherId: string; checkpointId: string | null; status: string }[],
  field: string,
): Promise<void> {
  for (const [i, m] of members.entries()) {
    // A teacher that has ended makes no more predictions.
    if (!isTerminalRunStatus(m.status)) continue;
    const r = await ctx.deps.pool.query<{ ok: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM "Prediction" p WHERE p."splitRole" = 'TEST' AND p."checkpointId" = coalesce($2::uuid,
           (SELECT c.id FROM "Checkpoint" c WHERE c."teacherId" = $1::uuid AND c.kind = 'FINAL' ORDER BY c."createdAt" DESC LIMIT 1))
       ) AS ok`,
      [m.teacherId, m.checkpointId],
    );
    if (!r.rows[0]?.ok)
      throw badInput(
        `${field}[${i}]`,
        m.checkpointId ?? m.teacherId,
        `has no TEST predictions (its teacher run is ${m.status}); an ensemble can only fuse stored predictions`,
      );
  }
}

import { badInput } from '@distillery/errors';

import type { Context } from '../../context.ts';

/** Checkpoint kinds a member may be taken from (EPOCH checkpoints are resume points, not models). */
const MEMBER_KINDS = new Set(['SNAPSHOT', 'FGE', 'FINAL', 'BEST']);

/**
 * The teacher of each checkpoint in `ids` (same order): every one must exist, belong to a teacher and
 * be a model checkpoint (not an EPOCH resume point); `needWeights` also requires stored weights
 * (students rebuild members from them; ensembles fuse stored predictions instead).
 */
export async function checkpointTeachers(
  ctx: Context,
  ids: readonly string[],
  field: string,
  needWeights: boolean,
): Promise<string[]> {
  const cps = await ctx.deps.prisma.checkpoint.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, teacherId: true, kind: true, artifactId: true },
  });
  const byId = new Map(cps.map((c) => [c.id, c]));
  return ids.map((id, i) => {
    const c = byId.get(id);
    if (!c?.teacherId) throw badInput(`${field}[${i}]`, id, 'must be an existing teacher checkpoint');
    if (!needWeights) return c.teacherId;
    if (!MEMBER_KINDS.has(c.kind))
      throw badInput(
        `${field}[${i}]`,
        id,
        `is a ${c.kind} checkpoint (a resume point); members come from SNAPSHOT, FGE, BEST or FINAL checkpoints`,
      );
    if (!c.artifactId) throw badInput(`${field}[${i}]`, id, 'has no stored weights');
    return c.teacherId;
  });
}

import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { requireRole } from '../auth/roles.ts';

/** An experiment the caller can read (VIEWER), or null. */
export async function getExperiment(ctx: Context, idRaw: string) {
  const e = await ctx.deps.prisma.experiment.findUnique({ where: { id: parseId('id', idRaw) } });
  if (e) await requireRole(ctx, e.projectId, 'VIEWER');
  return e;
}

import { badInput, notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';

/** The experiment id when it exists in `projectId`, else a typed error on `field`; null passes through. */
export async function experimentIn(
  ctx: Context,
  id: string | null | undefined,
  projectId: string,
  field: string,
): Promise<string | null> {
  if (!id) return null;
  const e = await ctx.deps.prisma.experiment.findUnique({ where: { id } });
  if (!e) throw notFound('Experiment', id);
  if (e.projectId !== projectId) throw badInput(field, id, 'the experiment belongs to another project');
  return e.id;
}

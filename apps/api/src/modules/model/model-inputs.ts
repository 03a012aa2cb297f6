import { notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';

/** The class order and image shape a model version's run was trained on (its dataset's). */
export async function modelVersionInputs(ctx: Context, runId: string) {
  const run = await ctx.deps.prisma.run.findUnique({ where: { id: runId }, include: { dataset: true } });
  if (!run?.dataset) throw notFound('Dataset of run', runId);
  const d = run.dataset;
  return { classNames: d.classNames, inputShape: [d.height, d.width, d.channels] };
}

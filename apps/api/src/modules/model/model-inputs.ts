import { notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';

/** The class order and image shape a model version's run was trained on (its dataset's; batched). */
export async function modelVersionInputs(ctx: Context, runId: string) {
  const run = await ctx.loaders.run.load(runId);
  const d = run?.datasetId ? await ctx.loaders.dataset.load(run.datasetId) : null;
  if (!d) throw notFound('Dataset of run', runId);
  return { classNames: d.classNames, inputShape: [d.height, d.width, d.channels] };
}

import { notFound } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { getSplit } from '../data/data.service.ts';
import { experimentIn } from '../experiment/resolve-experiment.ts';
import { epochs, experimentId, requireArchitecture, tags } from '../run/launch-fields.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';
import { resolveTraining, trainingInputSchema } from '../run/training-options.ts';

const baselineSchema = z.object({
  splitId: z.uuid(),
  architectureKey: z.string().min(1).max(100),
  seed: z.number().int(),
  epochs,
  training: trainingInputSchema,
  tags,
  experimentId,
});

/** A BASELINE run (the student architecture without distillation) and its train-baseline job (MEMBER). */
export async function trainBaseline(ctx: Context, raw: unknown) {
  const input = parseInput(baselineSchema, raw, 'input');
  // Role check: MEMBER of the split's project (getSplit refuses anyone else).
  const split = await getSplit(ctx, input.splitId, 'MEMBER', 'input.splitId');
  if (!split) throw notFound('Split', input.splitId);
  await requireArchitecture(ctx, input.architectureKey, 'input.architectureKey');
  const projectId = split.dataset.projectId;
  const expId = await experimentIn(ctx, input.experimentId, projectId, 'input.experimentId');
  const training = resolveTraining(input.training);
  return audited(
    ctx,
    { operation: 'trainBaseline', targetType: 'Run', args: input, projectId },
    async (tx, scope) => {
      const run = await tx.run.create({
        data: {
          projectId,
          kind: 'BASELINE',
          name: `baseline ${input.architectureKey} seed=${input.seed}`,
          seed: input.seed,
          params: { architectureKey: input.architectureKey, epochs: input.epochs ?? null, training },
          tags: input.tags ?? [],
          datasetId: split.datasetId,
          splitId: split.id,
          architectureKey: input.architectureKey,
          createdById: ctx.actor.userId,
          experimentId: expId,
        },
      });
      await enqueueRunJob(ctx, tx, 'train-baseline', {
        runId: run.id,
        projectId,
        splitId: split.id,
        architectureKey: input.architectureKey,
        seed: input.seed,
        epochs: input.epochs ?? null,
        ...training,
      });
      scope.targetId = run.id;
      return run;
    },
  );
}

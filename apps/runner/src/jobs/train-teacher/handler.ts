import type { JobPayload } from '@distillery/domain';

import type { JobHandler } from '../context.ts';
import { dataAccessOf, loadTrainingData } from '../shared/load-data.ts';
import { trainRun } from '../shared/train-run.ts';

/** Train one teacher on its subset of the split's training samples. */
export const handle: JobHandler<JobPayload<'train-teacher'>> = async (ctx, p) => {
  const data = await loadTrainingData(ctx.prisma, p.splitId, p.subsetId, dataAccessOf(ctx));
  return trainRun(ctx, {
    architectureKey: p.architectureKey,
    seed: p.seed,
    epochs: p.epochs,
    splitId: p.splitId,
    teacherId: p.teacherId,
    data,
    origin: p.origin,
    cycles: p.cycles,
    augment: p.augment,
    epochBudget: p.epochBudget,
    patience: p.patience,
    restoreBest: p.restoreBest,
  });
};

import type { JobPayload } from '@distillery/domain';

import type { JobHandler } from '../context.ts';
import { dataAccessOf, loadTrainingData } from '../shared/load-data.ts';
import { trainRun } from '../shared/train-run.ts';

/** Train the student architecture on labels only, on the whole training split (the baseline row). */
export const handle: JobHandler<JobPayload<'train-baseline'>> = async (ctx, p) => {
  const data = await loadTrainingData(ctx.prisma, p.splitId, null, dataAccessOf(ctx));
  return trainRun(ctx, {
    architectureKey: p.architectureKey,
    seed: p.seed,
    epochs: p.epochs,
    splitId: p.splitId,
    teacherId: null,
    data,
    augment: p.augment,
    epochBudget: p.epochBudget,
    patience: p.patience,
    restoreBest: p.restoreBest,
  });
};

// Per-sample softmax predictions of a stored checkpoint on one split role, as a Prediction row.
import type { JobPayload } from '@distillery/domain';
import { badInput, notFound } from '@distillery/errors';
import { buildModel, loadWeightsFromBytes, predict, scorePredictions } from '@distillery/ml';

import type { JobHandler } from '../context.ts';
import { loadTrainingData } from '../shared/load-data.ts';
import { startEnvironment } from '../shared/run-environment.ts';
import { storePredictions } from '../shared/predictions.ts';

/** Predict with a checkpoint of a teacher/baseline run. */
export const handle: JobHandler<JobPayload<'predict'>> = async (ctx, p) => {
  const checkpoint = await ctx.prisma.checkpoint.findUnique({
    where: { id: p.checkpointId },
    include: { artifact: true, run: true },
  });
  if (!checkpoint) throw notFound('Checkpoint', p.checkpointId);
  if (!checkpoint.artifact)
    throw badInput('checkpointId', p.checkpointId, 'the checkpoint has no stored weights');
  const key = checkpoint.run.architectureKey;
  if (!key) throw badInput('checkpointId', p.checkpointId, 'the checkpoint’s run has no architecture');
  await startEnvironment(ctx, { backend: true });
  const data = await loadTrainingData(ctx.prisma, p.splitId, null, ctx.datasetRoots);
  const split = { TRAIN: data.train, VAL: data.val, TEST: data.test }[p.splitRole];
  const built = buildModel(key, {
    inputShape: data.dataset.shape,
    numClasses: data.dataset.classNames.length,
    seed: checkpoint.run.seed,
  });
  loadWeightsFromBytes(built, await ctx.artifacts.get(checkpoint.artifact.uri));
  const probs = predict(built, split);
  const { loss, accuracy } = scorePredictions(probs, split.labels, built.options.numClasses);
  await ctx.fenced((tx) =>
    storePredictions(tx, ctx.lease.runId, p.checkpointId, [
      {
        splitId: p.splitId,
        splitRole: p.splitRole,
        probs,
        samples: split.count,
        classes: built.options.numClasses,
        accuracy,
      },
    ]),
  );
  return { summary: { accuracy, loss, samples: split.count, split_role: p.splitRole } };
};

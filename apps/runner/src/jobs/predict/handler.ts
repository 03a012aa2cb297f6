// Per-sample softmax predictions of a stored FINAL checkpoint (teacher, baseline or student) on one
// split role, stored as a Prediction row of the PREDICT run (the `predict` mutation queues it).
import type { JobPayload } from '@distillery/domain';
import { badInput, notFound } from '@distillery/errors';
import { scorePredictions } from '@distillery/ml';
import { netFromCheckpoint, predictStudent } from '@distillery/ml/distill';

import type { JobHandler } from '../context.ts';
import { dataAccessOf, loadTrainingData } from '../shared/load-data.ts';
import { storePredictions } from '../shared/predictions.ts';
import { startEnvironment } from '../shared/run-environment.ts';

/** Predict with a checkpoint on a split role. */
export const handle: JobHandler<JobPayload<'predict'>> = async (ctx, p) => {
  const checkpoint = await ctx.prisma.checkpoint.findUnique({
    where: { id: p.checkpointId },
    include: { artifact: true },
  });
  if (!checkpoint) throw notFound('Checkpoint', p.checkpointId);
  if (!checkpoint.artifact)
    throw badInput('checkpointId', p.checkpointId, 'the checkpoint has no stored weights');
  await startEnvironment(ctx, { backend: true });
  const data = await loadTrainingData(ctx.prisma, p.splitId, null, dataAccessOf(ctx));
  const split = { TRAIN: data.train, VAL: data.val, TEST: data.test }[p.splitRole];
  const classes = data.dataset.classNames.length;
  const net = netFromCheckpoint(
    await ctx.artifacts.get(checkpoint.artifact.uri),
    data.dataset.shape,
    classes,
  );
  const probs = predictStudent(net, split);
  net.dispose();
  const { loss, accuracy } = scorePredictions(probs, split.labels, classes);
  await ctx.fenced((tx) =>
    storePredictions(tx, ctx.lease.runId, p.checkpointId, [
      { splitId: p.splitId, splitRole: p.splitRole, probs, samples: split.count, classes, accuracy },
    ]),
  );
  return {
    summary: {
      [`${p.splitRole.toLowerCase()}_accuracy`]: accuracy,
      accuracy,
      loss,
      samples: split.count,
      split_role: p.splitRole,
    },
  };
};

// The end of every training job: the FINAL checkpoint (weights), its exports (TensorFlow.js and
// safetensors), its per-sample predictions on test and val (with their confusion matrices, from which
// the run page's per-class table is derived), and the accuracy figures of the summary.
import { classReport } from '@distillery/domain';
import { scorePredictions, type BuiltModel } from '@distillery/ml';
import { confusionOfProbabilities } from '@distillery/ml/fusion';
import type { StudentNet } from '@distillery/ml/distill';
import { exportModel } from '@distillery/ml/export';

import type { JobContext } from '../context.ts';
import type { TrainingData } from './load-data.ts';
import { type PredictionInput, storePredictions } from './predictions.ts';
import { saveExports } from './save-exports.ts';

/** Test (and val) scores of the stored predictions. */
export interface FinalScores {
  /** `macroF1`: the mean of the per-class F1 scores (the per-class table is on the Prediction row). */
  test: { loss: number; accuracy: number; macroF1: number | null };
  val: { loss: number; accuracy: number } | null;
}

/** Store the FINAL checkpoint with its predictions, which the training engine made (`finalPredict`). */
export async function saveFinal(
  ctx: JobContext,
  o: {
    splitId: string;
    data: TrainingData;
    classes: number;
    epoch: number;
    step: number;
    bytes: Uint8Array;
    teacherId: string | null;
    /** The engine's class probabilities for test and val (`EngineResult.finalPredictions`). */
    finals: { test?: Float32Array; val?: Float32Array } | undefined;
    /** The trained network to export (its output is what `finals` holds). */
    exportSource: BuiltModel | StudentNet;
  },
): Promise<FinalScores> {
  const rows: PredictionInput[] = [];
  const scores: FinalScores = { test: { loss: 0, accuracy: 0, macroF1: null }, val: null };
  for (const [role, set] of [
    ['TEST', o.data.test],
    ['VAL', o.data.val],
  ] as const) {
    if (set.count === 0) continue;
    const probs = role === 'TEST' ? o.finals?.test : o.finals?.val;
    // The engine predicts every split it was given unless the run was aborted, which ends the job first.
    if (!probs) throw new Error(`the training engine made no final ${role} predictions`);
    const { loss, accuracy } = scorePredictions(probs, set.labels, o.classes);
    ctx.logger.info(
      `final ${role.toLowerCase()}: accuracy ${(accuracy * 100).toFixed(2)} %, loss ${loss.toFixed(4)} on ${set.count} samples`,
    );
    if (role === 'TEST') {
      const { macroF1 } = classReport(confusionOfProbabilities(probs, set.labels, o.classes), o.classes);
      scores.test = { loss, accuracy, macroF1 };
    } else scores.val = { loss, accuracy };
    rows.push({
      splitId: o.splitId,
      splitRole: role,
      probs,
      samples: set.count,
      classes: o.classes,
      accuracy,
      labels: set.labels,
    });
  }
  const saved = await ctx.saveCheckpoint({
    kind: 'FINAL',
    epoch: o.epoch,
    step: o.step,
    bytes: o.bytes,
    teacherId: o.teacherId,
    metrics: { test_accuracy: scores.test.accuracy, test_loss: scores.test.loss },
  });
  await ctx.fenced((tx) => storePredictions(tx, ctx.lease.runId, saved.checkpointId, rows));
  const exports = await exportModel(o.exportSource, {
    classNames: o.data.dataset.classNames,
    extra: { run_id: ctx.lease.runId, dataset_id: o.data.datasetId, checkpoint_id: saved.checkpointId },
  });
  await saveExports(ctx, exports);
  return scores;
}

import { createHash } from 'node:crypto';

import type { Prisma } from '@distillery/db';
import { indicesToBytes } from '@distillery/domain';
import { confusionOfProbabilities } from '@distillery/ml/fusion';

/** One split's per-sample softmax matrix to store as a Prediction row. */
export interface PredictionInput {
  splitId: string;
  splitRole: 'TRAIN' | 'VAL' | 'TEST';
  probs: Float32Array;
  samples: number;
  classes: number;
  accuracy: number;
  /**
   * The samples' true classes: with them the row keeps its confusion matrix (per-class scores) and the
   * labels themselves, from which the API lists misclassified samples without loading the dataset.
   */
  labels?: Int32Array;
}

/** Upsert Prediction rows for a checkpoint (inside the caller's fenced transaction). */
export async function storePredictions(
  tx: Prisma.TransactionClient,
  runId: string,
  checkpointId: string,
  inputs: readonly PredictionInput[],
): Promise<void> {
  for (const p of inputs) {
    const probs = new Uint8Array(Float32Array.from(p.probs).buffer);
    const fields = {
      splitId: p.splitId,
      samples: p.samples,
      classes: p.classes,
      probs,
      probsHash: createHash('sha256').update(probs).digest('hex'),
      accuracy: p.accuracy,
      confusion: p.labels ? Array.from(confusionOfProbabilities(p.probs, p.labels, p.classes)) : [],
      labels: p.labels ? indicesToBytes(p.labels) : null,
    };
    await tx.prediction.upsert({
      where: { runId_checkpointId_splitRole: { runId, checkpointId, splitRole: p.splitRole } },
      create: { runId, checkpointId, splitRole: p.splitRole, ...fields },
      update: fields,
    });
  }
}

import { badInput } from '@distillery/errors';
import type { Ensemble } from '../fusion/ensemble.ts';
import { rankOrder } from '../fusion/ranking.ts';

/** Each member's hard decisions on the ensemble's samples (the "oracle outputs" of the diversity literature). */
export interface OracleOutputs {
  /** Predicted class per member and sample (argmax; equal probabilities go to the lower class). */
  predictions: Int32Array[];
  /** 1 where the member is correct. */
  correct: Uint8Array[];
  /** Number of members correct per sample, l(z_j) in Kuncheva & Whitaker (2003). */
  correctCount: Int32Array;
}

/** Hard decisions of every member, from the cached rankings. Diversity needs at least two members. */
export function oracleOutputs(ensemble: Ensemble): OracleOutputs {
  if (ensemble.models < 2)
    throw badInput('ensemble.models', ensemble.models, 'diversity needs at least 2 members');
  const { samples, classes: C, labels } = ensemble;
  const correctCount = new Int32Array(samples);
  const predictions: Int32Array[] = [];
  const correct: Uint8Array[] = [];
  for (const p of ensemble.probabilities) {
    const order = rankOrder(p, C);
    const pred = new Int32Array(samples);
    const ok = new Uint8Array(samples);
    for (let s = 0; s < samples; s++) {
      pred[s] = order[s * C] as number;
      if (pred[s] === labels[s]) {
        ok[s] = 1;
        correctCount[s] = (correctCount[s] as number) + 1;
      }
    }
    predictions.push(pred);
    correct.push(ok);
  }
  return { predictions, correct, correctCount };
}

import * as tf from '@tensorflow/tfjs';
import { Prng } from '@distillery/domain';
import { trainModel } from '../train/train-model.ts';
import { buildModel } from '../models/build-model.ts';

/**
 * Build `key` at 32×32×3 and train one Adam step on a random batch of 2; returns the loss and
 * how much the head weights moved (used by the per-backend architecture tests).
 */
export async function trainOneStep(
  key: string,
): Promise<{ loss: number; moved: number; params: number; tensorsLeaked: number }> {
  const rng = new Prng(1);
  const images = Uint8Array.from({ length: 2 * 32 * 32 * 3 }, () => rng.int(256));
  const built = buildModel(key, { inputShape: [32, 32, 3], numClasses: 10, seed: 3 });
  const before = built.model.getLayer('logits').getWeights()[0]!.dataSync().slice();
  const startTensors = tf.memory().numTensors;
  const r = await trainModel(built, {
    train: { images, labels: Int32Array.of(1, 7), count: 2, ids: ['a', 'b'] },
    seed: 1,
    epochs: 1,
    batchSize: 2,
    learningRate: 1e-3,
    patience: 0,
  });
  const after = built.model.getLayer('logits').getWeights()[0]!.dataSync();
  let moved = 0;
  for (let i = 0; i < after.length; i++) moved = Math.max(moved, Math.abs(after[i]! - before[i]!));
  const tensorsLeaked = tf.memory().numTensors - startTensors;
  built.model.dispose();
  return { loss: r.history[0]!.loss, moved, params: built.stats.params, tensorsLeaked };
}

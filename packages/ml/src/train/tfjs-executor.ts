/**
 * The tfjs step executor: autodiff over the host network's own variables with the project's Adam,
 * on whatever tfjs backend is active. It always accepts (the engine's fallback) and trains the host
 * network in place, so nothing needs copying back at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import type { OutputSource } from '../distill/teachers.ts';
import { Adam } from './adam.ts';
import { loadModelWeights, storeModelWeights, type StoredTensor } from './checkpoint.ts';
import { needsTeachers, objective, targetsOf } from './objectives.ts';
import { imagesToTensor } from './sample-stream.ts';
import {
  ADAM_DEFAULTS,
  type LossSpec,
  type StepExecutor,
  type StepOutcome,
  type TrainBatch,
} from './step-executor.ts';
import { predictNet, predictNetHeads, type TrainNet } from './train-net.ts';

/** Runs steps with tfjs on `net`; `teachers` (live or cached) give z_k when the batch does not carry them. */
export class TfjsExecutor implements StepExecutor {
  readonly name: string;
  readonly runsTeachers: boolean;
  private readonly opt: Adam;

  constructor(
    private readonly net: TrainNet,
    private readonly loss: LossSpec,
    private readonly teachers?: OutputSource,
  ) {
    if (loss.kind === 'cross-entropy' && net.heads !== 1)
      throw badInput('heads', net.heads, 'cross-entropy training has one head');
    this.name = `tfjs-${tf.getBackend()}`;
    this.runsTeachers = teachers !== undefined;
    this.opt = new Adam(net.variables(), 0, ADAM_DEFAULTS.beta1, ADAM_DEFAULTS.beta2, ADAM_DEFAULTS.epsilon);
  }

  step(batch: TrainBatch, learningRate: number): StepOutcome {
    const { inputShape, numClasses } = this.net.built.options;
    const oneHot = new Float32Array(batch.count * numClasses);
    batch.labels.forEach((l, i) => (oneHot[i * numClasses + l] = 1));
    const xs = imagesToTensor(batch.images, batch.count, inputShape);
    const ys = tf.tensor2d(oneHot, [batch.count, numClasses]);
    // Teacher outputs are computed here, outside the loss closure: constants of the student's loss.
    const targets =
      this.loss.kind === 'distill' && needsTeachers(this.loss)
        ? tf.tidy(() =>
            targetsOf(this.loss as Extract<LossSpec, { kind: 'distill' }>, this.teacherOutputs(batch, xs)),
          )
        : [];
    let parts: tf.Scalar[] = [];
    this.opt.learningRate = learningRate;
    const total = this.opt.minimize(() => {
      const o = objective(this.loss, this.net.logits(xs, true), ys, targets);
      parts = [o.hits, ...(o.studentLoss ? [o.studentLoss, o.distillationLoss as tf.Scalar] : [])].map((t) =>
        tf.keep(t),
      );
      return o.total;
    });
    const [loss, hits, studentLoss, distillationLoss] = [total, ...parts].map(
      (t) => t.dataSync()[0] as number,
    );
    tf.dispose([xs, ys, total, ...parts, ...targets]);
    return {
      loss: loss as number,
      hits: hits as number,
      ...(studentLoss !== undefined ? { studentLoss, distillationLoss: distillationLoss as number } : {}),
    };
  }

  private teacherOutputs(batch: TrainBatch, xs: tf.Tensor4D): tf.Tensor2D[] {
    if (batch.teacherLogits)
      return batch.teacherLogits.map((z) => tf.tensor2d(z, [batch.count, z.length / batch.count]));
    if (!this.teachers)
      throw badInput('teachers', undefined, 'a distillation step with α < 1 needs teacher outputs');
    return this.teachers.outputs(xs, batch.indices);
  }

  predict(images: Uint8Array, count: number): Float32Array {
    return predictNet(this.net, { images, count });
  }

  predictHeads(images: Uint8Array, count: number): Float32Array[] {
    return predictNetHeads(this.net, { images, count });
  }

  exportWeights(): StoredTensor[] {
    return storeModelWeights(this.net.trainedModel);
  }

  importWeights(weights: StoredTensor[]): void {
    loadModelWeights(this.net.trainedModel, weights);
  }

  exportOptimizer(): StoredTensor[] {
    return this.opt.state();
  }

  importOptimizer(state: StoredTensor[]): void {
    this.opt.restore(state);
  }

  dispose(): void {
    this.opt.dispose();
  }
}

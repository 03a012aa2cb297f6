import * as tf from '@tensorflow/tfjs';
import type { AddonSession, LossSpec, NativeAddon } from './addon-types.ts';
import { compileModel, type CompiledModel } from './compile-model.ts';

/** One step's figures: total loss, its CE and KD parts, and correct predictions in the batch. */
export interface NativeStepResult {
  loss: number;
  ce: number;
  kd: number;
  hits: number;
}

/** Adam settings (the project's Adam: train/adam.ts in @distillery/ml). */
export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
}

const DEFAULT_ADAM: AdamSettings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Optimizer state: step count and both moments per trainable weight (trainableWeights order). */
export interface NativeAdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

/**
 * A tfjs model trained by the native engine: the weights are copied into native memory once and stay
 * there; `pushToModel` writes them back into the tfjs variables (for evaluation, checkpoints and the
 * end of training), `pullFromModel` reloads them (after a resume).
 */
export class NativeTrainer {
  private readonly session: AddonSession;
  private readonly compiled: CompiledModel;
  readonly heads: number;
  readonly classes: number;
  readonly inputSize: number;

  constructor(
    addon: NativeAddon,
    readonly model: tf.LayersModel,
    loss: LossSpec,
    options: { threads?: number; adam?: Partial<AdamSettings> } = {},
  ) {
    this.compiled = compileModel(model, loss);
    const spec = { ...this.compiled.spec, ...(options.threads ? { threads: options.threads } : {}) };
    this.session = new addon.Session(spec);
    this.adam = { ...DEFAULT_ADAM, ...options.adam };
    this.heads = spec.outputs.length;
    this.classes = spec.classes;
    const input = spec.nodes[0]!.shape;
    this.inputSize = input.reduce((a, b) => a * b, 1);
    this.pullFromModel();
  }

  private readonly adam: AdamSettings;

  /** Copy the tfjs model's current weights into the engine. */
  pullFromModel(): void {
    this.compiled.weights.forEach((w, i) => this.session.setWeight(i, w.read().dataSync() as Float32Array));
  }

  /** Write the engine's weights into the tfjs model (same variables, same order as checkpoints). */
  pushToModel(): void {
    const tensors = this.compiled.weights.map((w, i) =>
      tf.tensor(this.session.getWeight(i), w.shape.map(Number)),
    );
    this.model.setWeights(tensors);
    tf.dispose(tensors);
  }

  /** Replace the engine's weights (`model.weights` order, e.g. from a checkpoint). */
  setWeights(values: Float32Array[]): void {
    if (values.length !== this.compiled.weights.length)
      throw new RangeError(`${values.length} weight arrays for ${this.compiled.weights.length} weights`);
    values.forEach((v, i) => this.session.setWeight(i, v));
  }

  /** The engine's weights, `model.weights` order. */
  weights(): Float32Array[] {
    return this.compiled.weights.map((_, i) => this.session.getWeight(i));
  }

  /**
   * One Adam step on a batch. `input` is uint8 pixels (or float32 values) of `labels.length` samples;
   * `targets` are the soft targets of a distillation loss (one batch × classes matrix each).
   */
  step(
    input: Uint8Array | Float32Array,
    labels: Int32Array,
    lr: number,
    targets: Float32Array[] = [],
  ): NativeStepResult {
    const r = this.session.trainStep(
      input,
      labels,
      concat(targets),
      targets.length,
      lr,
      this.adam.beta1,
      this.adam.beta2,
      this.adam.epsilon,
    );
    return { loss: r[0]!, ce: r[1]!, kd: r[2]!, hits: r[3]! };
  }

  /** The loss and its gradients for a batch, nothing updated (trainable order; gradient checks). */
  gradients(
    input: Uint8Array | Float32Array,
    labels: Int32Array,
    targets: Float32Array[] = [],
  ): { result: NativeStepResult; grads: Float32Array[] } {
    const r = this.session.gradients(input, labels, concat(targets), targets.length);
    return {
      result: { loss: r[0]!, ce: r[1]!, kd: r[2]!, hits: r[3]! },
      grads: this.compiled.spec.trainable.map((i) => this.session.getGrad(i)),
    };
  }

  /** Inference logits of every head (moving batch-norm statistics), each count × classes. */
  predictLogits(input: Uint8Array | Float32Array, count: number, batchSize = 256): Float32Array[] {
    const heads = Array.from({ length: this.heads }, () => new Float32Array(count * this.classes));
    for (let i = 0; i < count; i += batchSize) {
      const n = Math.min(batchSize, count - i);
      const out = this.session.predict(input.subarray(i * this.inputSize, (i + n) * this.inputSize), n);
      heads.forEach((h, k) =>
        h.set(out.subarray(k * n * this.classes, (k + 1) * n * this.classes), i * this.classes),
      );
    }
    return heads;
  }

  /** Adam's step count and moments. */
  adamState(): NativeAdamState {
    const n = this.compiled.spec.trainable.length;
    return {
      step: this.session.getStep(),
      m: Array.from({ length: n }, (_, k) => this.session.getMoment(k, false)),
      v: Array.from({ length: n }, (_, k) => this.session.getMoment(k, true)),
    };
  }

  /** Restore {@link adamState}. */
  restoreAdam(s: NativeAdamState): void {
    this.session.setStep(s.step);
    s.m.forEach((m, k) => this.session.setMoment(k, false, m));
    s.v.forEach((v, k) => this.session.setMoment(k, true, v));
  }

  /** Threads a step uses now (the CPUs shared among the live sessions of this process). */
  threads(): number {
    return this.session.threads();
  }

  /** Free the native memory (the tfjs model is untouched). */
  dispose(): void {
    this.session.dispose();
  }
}

function concat(parts: Float32Array[]): Float32Array | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

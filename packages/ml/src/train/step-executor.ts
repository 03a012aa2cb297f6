/**
 * The training engine's pluggable step executor: the contract between the one training loop
 * (`engine.ts`, used by teachers, baselines and all five distillation modes) and whatever runs a
 * training step — tfjs autodiff (`tfjs-executor.ts`, always available) or a native whole-step engine
 * (packages/native, issue 21).
 *
 * Division of labour. The ENGINE owns everything that must be identical whichever executor runs:
 * the seeded sample order, augmentation (so teachers and student see the very same uint8 pixels),
 * the learning-rate schedule, epochs, validation scoring, early stopping with restore-best,
 * snapshot/FGE checkpoints, per-epoch checkpoints (their bytes) and the abort signal, which it checks
 * before every step. The EXECUTOR owns the trained network's weights and optimizer state while the
 * run lasts and performs one step at a time: forward, loss, backward, Adam update.
 *
 * Lifecycle of an executor, as the engine drives it:
 *   1. `factory.create(spec)` — return null to decline (architecture, loss or CPU not supported):
 *      the engine then falls back to the tfjs executor and records which one ran.
 *   2. On resume: `importWeights(checkpoint.model)` and `importOptimizer(checkpoint.optimizer)`.
 *   3. Per step: `step(batch, learningRate)`; the engine reads the returned numbers right away.
 *   4. Per epoch: `predict(val)` (and `predictHeads(val)` for a multi-head student with teachers to
 *      compare against); `exportWeights()` when validation improves (restore-best) and
 *      `exportWeights()` + `exportOptimizer()` for the epoch checkpoint.
 *   5. At the end: `importWeights(best)` when restoring, then `exportWeights()` is copied into the
 *      host tfjs model (callers predict and save with it); finally `dispose()`.
 *
 * Weights. `spec.weights` lists every weight of the trained network in the host model's
 * `model.weights` order (trainable and non-trainable, e.g. batch-norm moving statistics), with the
 * host's names and shapes and the host's seeded initial values; `spec.trainable[i]` says whether
 * weight i is updated by the optimizer. `exportWeights`/`importWeights` use the same order, names,
 * shapes and float32 values: they are written into checkpoints unchanged, and a checkpoint written
 * by one executor loads into the other. Layouts are tfjs's: dense kernels [in, out], conv kernels
 * [kh, kw, in, out], depthwise [kh, kw, in, mult]; images are NHWC.
 *
 * Optimizer. Adam in the Keras/tfjs form (`adam.ts`): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * w ← w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε), bias corrections from the integer step
 * count t in float64. `exportOptimizer()` returns, in this order: `step` (int32, shape [], the step
 * count t), then `m/0 … m/{K−1}`, then `v/0 … v/{K−1}` (float32, each the shape of the k-th
 * trainable weight), K = number of trainable weights. Bit-identical resume within one executor on
 * one machine is required: import(export()) must continue exactly as if never interrupted.
 *
 * Loss (`LossSpec`), with heads h_1..h_H (logits [B, C]; H = 1 except mimic_all) and, for
 * distillation, K raw teacher outputs z_1..z_K ([B, C] logits; for supernet/supernet2 K = 1, the
 * aggregator's logits):
 *   - `cross-entropy` (teachers, baselines): softmax cross-entropy of h_1 against the one-hot
 *     labels, batch mean (tf.losses.softmaxCrossEntropy, no clipping). Accuracy from argmax h_1.
 *   - `distill` (mtkd-method.md §4, losses.ts): p = mean_j softmax(h_j); CE = Keras categorical CE
 *     of p (p clipped to [1e-7, 1 − 1e-7]); soft targets t_k = softmax(z_k / T) with T = 1 in
 *     `as-original` mode; L_KD per `targets`: `average` → kd(mean_k t_k, h_1); `each` with H = 1 →
 *     mean_k kd(t_k, h_1) (loss_avg); `each` with H = K → mean_k kd(t_k, h_k) (mimic_all).
 *     kd is `kdLoss` in losses.ts (Keras KL with clipping, or Hinton's T²·KL). Total loss
 *     α·CE + (1 − α)·L_KD. When α = 1 no targets are needed and L_KD = 0. Accuracy from argmax p.
 *   Gradients reach the trained network only; teacher outputs are constants.
 *
 * Teachers. Unless the executor reports `runsTeachers`, the engine computes z_k on the batch's
 * pixels with the host teachers (or serves them from a cache when augmentation is off) and passes
 * them as `batch.teacherLogits`. An executor that can run the frozen teachers itself gets them in
 * `spec.teachers` and receives batches without `teacherLogits` (but still may receive them when the
 * engine serves cached outputs: use them when present).
 *
 * Abort. `step` is one synchronous call; the engine checks its AbortSignal between steps (and
 * yields to the event loop so a cancel message can arrive). `spec.signal` is passed for executors
 * that split long work across threads and want to stop early; a step cut short must throw.
 *
 * Errors: throw AppError (`@distillery/errors`); a non-finite loss is returned, not thrown — the
 * engine turns it into TRAINING_DIVERGED with the epoch and step.
 */
import type { ImageShape } from '../data/types.ts';
import type { TemperatureMode } from '@distillery/domain';
import type { StoredTensor } from './checkpoint.ts';

/** What network to run: a registry architecture, optionally with mimic_all's N heads. */
export interface ModelSpec {
  architectureKey: string;
  inputShape: ImageShape;
  numClasses: number;
  /** The seed the host built the initial weights with (informative: `weights` carry the values). */
  seed: number;
  /**
   * Classifier heads on the pooled features: 1 = the registry model as built (its `logits` Dense);
   * N ≥ 2 = mimic_all: the registry's `logits` layer is not part of the network; N Dense(C) heads
   * `mimic_0 … mimic_{N−1}` read the pooled features, in that order at the end of `weights`.
   */
  heads: number;
}

/** The training loss (see the module comment for the exact formulas). */
export type LossSpec =
  | { kind: 'cross-entropy' }
  | {
      kind: 'distill';
      alpha: number;
      temperatureMode: TemperatureMode;
      temperature: number;
      /** `average`: one target, the mean of the teachers' soft targets; `each`: one KD term per teacher. */
      targets: 'average' | 'each';
    };

/** Adam hyperparameters (the learning rate comes with every step: schedules change it). */
export interface AdamSpec {
  kind: 'adam';
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The Keras/tfjs defaults used everywhere in Distillery. */
export const ADAM_DEFAULTS: AdamSpec = { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** Frozen teachers for an executor that runs them itself. */
export interface FrozenTeachersSpec {
  models: { model: ModelSpec; weights: StoredTensor[] }[];
  /** Which output each teacher gives: its logits, or its pooled features (supernet2's aggregator input). */
  view: 'logits' | 'features';
  /**
   * supernet/supernet2: Dense(C) on the concatenation of the K teacher outputs (kernel [K·D, C],
   * bias [C]); its logits are the single z. Absent: z_k are the teachers' logits.
   */
  aggregator?: { kernel: StoredTensor; bias: StoredTensor };
}

/** Everything an executor needs to build its copy of the run. */
export interface ExecutorSpec {
  model: ModelSpec;
  weights: StoredTensor[];
  trainable: boolean[];
  loss: LossSpec;
  optimizer: AdamSpec;
  batchSize: number;
  /** Present for distillation with α < 1. */
  teachers?: FrozenTeachersSpec;
  signal?: AbortSignal;
}

/** One training batch, already sampled and augmented by the engine. */
export interface TrainBatch {
  /** count × H × W × C uint8 pixels, NHWC (the network rescales to [−1, 1] itself). */
  images: Uint8Array;
  /** Class index per sample. */
  labels: Int32Array;
  count: number;
  /** Row index of each sample in the training set (cache look-ups). */
  indices: Uint32Array;
  /** K arrays of count × C raw teacher outputs (z_k), when the engine computed them. */
  teacherLogits?: Float32Array[];
}

/** What one step measured (before the update). */
export interface StepOutcome {
  /** The minimised loss (α·CE + (1 − α)·L_KD for distillation). */
  loss: number;
  /** Samples whose predicted class equals the label. */
  hits: number;
  /** Distillation only: the CE term and L_KD (0 when α = 1). */
  studentLoss?: number;
  distillationLoss?: number;
}

/** A running executor: owns the trained weights and optimizer state during the run. */
export interface StepExecutor {
  /** Recorded on the run, e.g. `tfjs-wasm`, `native-avx512`. */
  readonly name: string;
  /** True when it computes teacher outputs itself from `spec.teachers`. */
  readonly runsTeachers: boolean;
  step(batch: TrainBatch, learningRate: number): StepOutcome;
  /** Probabilities (mean of the heads' softmax) for count samples, count × C row-major. */
  predict(images: Uint8Array, count: number): Float32Array;
  /** Each head's softmax (mimic_all's per-teacher figures); optional: without it they are not measured. */
  predictHeads?(images: Uint8Array, count: number): Float32Array[];
  exportWeights(): StoredTensor[];
  importWeights(weights: StoredTensor[]): void;
  exportOptimizer(): StoredTensor[];
  importOptimizer(state: StoredTensor[]): void;
  dispose(): void;
}

/** Something that can build executors (e.g. the native engine); tried in order before tfjs. */
export interface StepExecutorFactory {
  readonly name: string;
  /** An executor for `spec`, or null to let the next factory (finally tfjs) run it. */
  create(spec: ExecutorSpec): StepExecutor | null;
}

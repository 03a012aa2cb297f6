/**
 * The native step executor (packages/native, issue 21): the whole training step — forward, loss,
 * backward and Adam — in one call into the C++ engine, with the weights resident in native memory.
 * It declines (the engine then falls back to tfjs and records that) when the addon is missing or
 * cannot load, when the CPU lacks a forced instruction set, or when a layer of the network is not one
 * the engine runs; each decline is logged once with its reason.
 */
import {
  loadNative,
  NativeTrainer,
  UnsupportedModelError,
  type CpuLevel,
  type LossSpec as NativeLossSpec,
} from '@distillery/native';
import { badInput } from '@distillery/errors';
import { buildStudent } from '../distill/student.ts';
import type { StoredTensor } from './checkpoint.ts';
import type {
  ExecutorSpec,
  LossSpec,
  StepExecutor,
  StepExecutorFactory,
  StepOutcome,
  TrainBatch,
} from './step-executor.ts';

/** Options of {@link nativeExecutorFactory}. */
export interface NativeExecutorOptions {
  /** Force an instruction set (`avx2`, `portable`); default the best the CPU has. */
  cpu?: CpuLevel;
  /** Another addon file (tests force a missing one). */
  addonPath?: string;
  /** Fixed threads per step; default the CPUs divided by the live native sessions of this process. */
  threads?: number;
  /** Where a decline is logged (default console.warn). */
  log?: (line: string) => void;
}

function nativeLoss(loss: LossSpec, heads: number): NativeLossSpec {
  if (loss.kind === 'cross-entropy') return { kind: 'softmax_ce' };
  return {
    kind: 'distill',
    alpha: loss.alpha,
    hinton: loss.temperatureMode === 'HINTON',
    temperature: loss.temperature,
    pairing: loss.targets === 'average' ? 0 : heads > 1 ? 2 : 1,
  };
}

/** softmax(z / T) per row (T = 1 in `as-original` mode), in float64: the soft targets of losses.ts. */
function softTargets(z: Float32Array, classes: number, t: number): Float32Array {
  const out = new Float32Array(z.length);
  for (let r = 0; r < z.length; r += classes) {
    let mx = -Infinity;
    for (let c = 0; c < classes; c++) mx = Math.max(mx, z[r + c]! / t);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(z[r + c]! / t - mx);
    for (let c = 0; c < classes; c++) out[r + c] = Math.exp(z[r + c]! / t - mx) / sum;
  }
  return out;
}

/** Runs every step natively; see the module comment. */
export class NativeExecutor implements StepExecutor {
  readonly runsTeachers = false;
  readonly name: string;
  private readonly names: string[];

  constructor(
    private readonly trainer: NativeTrainer,
    private readonly spec: ExecutorSpec,
    level: string,
  ) {
    this.name = `native-${level}`;
    this.names = spec.weights.map((w) => w.name);
    this.importWeights(spec.weights);
  }

  step(batch: TrainBatch, learningRate: number): StepOutcome {
    const loss = this.spec.loss;
    let targets: Float32Array[] = [];
    if (loss.kind === 'distill' && loss.alpha < 1) {
      if (!batch.teacherLogits?.length)
        throw badInput('teacherLogits', undefined, 'a distillation step with α < 1 needs teacher outputs');
      const t = loss.temperatureMode === 'HINTON' ? loss.temperature : 1;
      targets = batch.teacherLogits.map((z) => softTargets(z, this.trainer.classes, t));
      if (loss.targets === 'average') {
        const mean = new Float32Array(targets[0]!.length);
        for (const s of targets) for (let i = 0; i < mean.length; i++) mean[i]! += s[i]!;
        for (let i = 0; i < mean.length; i++) mean[i]! /= targets.length;
        targets = [mean];
      }
    }
    const r = this.trainer.step(
      batch.images.subarray(0, batch.count * this.trainer.inputSize),
      batch.labels.subarray(0, batch.count),
      learningRate,
      targets,
    );
    return loss.kind === 'distill'
      ? { loss: r.loss, hits: r.hits, studentLoss: r.ce, distillationLoss: r.kd }
      : { loss: r.loss, hits: r.hits };
  }

  predict(images: Uint8Array, count: number): Float32Array {
    const heads = this.predictHeads(images, count);
    const out = new Float32Array(count * this.trainer.classes);
    for (const p of heads) for (let i = 0; i < out.length; i++) out[i]! += p[i]! / heads.length;
    return out;
  }

  predictHeads(images: Uint8Array, count: number): Float32Array[] {
    const C = this.trainer.classes;
    return this.trainer.predictLogits(images, count, this.spec.batchSize).map((z) => softTargets(z, C, 1));
  }

  exportWeights(): StoredTensor[] {
    return this.trainer.weights().map((values, i) => ({
      name: this.names[i]!,
      shape: this.spec.weights[i]!.shape.slice(),
      dtype: 'float32',
      values,
    }));
  }

  importWeights(weights: StoredTensor[]): void {
    if (weights.length !== this.names.length)
      throw badInput(
        'checkpoint',
        weights.length,
        `has ${weights.length} weight arrays, the network ${this.names.length}`,
      );
    this.trainer.setWeights(weights.map((w) => Float32Array.from(w.values)));
  }

  exportOptimizer(): StoredTensor[] {
    const s = this.trainer.adamState();
    const shapes = this.spec.weights.filter((_, i) => this.spec.trainable[i]).map((w) => w.shape.slice());
    return [
      { name: 'step', shape: [], dtype: 'int32', values: Int32Array.of(s.step) },
      ...s.m.map((values, k): StoredTensor => ({
        name: `m/${k}`,
        shape: shapes[k]!,
        dtype: 'float32',
        values,
      })),
      ...s.v.map((values, k): StoredTensor => ({
        name: `v/${k}`,
        shape: shapes[k]!,
        dtype: 'float32',
        values,
      })),
    ];
  }

  importOptimizer(state: StoredTensor[]): void {
    const n = this.spec.trainable.filter(Boolean).length;
    if (state.length !== 1 + 2 * n)
      throw badInput(
        'checkpoint',
        state.length,
        `optimizer has ${state.length} arrays, expected ${1 + 2 * n}`,
      );
    const f = (s: StoredTensor) => Float32Array.from(s.values);
    this.trainer.restoreAdam({
      step: state[0]!.values[0]!,
      m: state.slice(1, 1 + n).map(f),
      v: state.slice(1 + n).map(f),
    });
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

/**
 * The native engine as a step-executor factory for `runTraining` (`executors: [nativeExecutorFactory()]`).
 * `declined` holds the reason of the last decline (also logged), for the run record.
 */
export function nativeExecutorFactory(
  options: NativeExecutorOptions = {},
): StepExecutorFactory & { declined?: string } {
  const log = options.log ?? ((line: string) => console.warn(line));
  const factory: StepExecutorFactory & { declined?: string } = {
    name: 'native',
    create(spec) {
      const decline = (reason: string) => {
        factory.declined = reason;
        log(`native engine not used (${reason}); training with tfjs`);
        return null;
      };
      const loaded = loadNative({
        ...(options.cpu ? { cpu: options.cpu } : {}),
        ...(options.addonPath ? { addonPath: options.addonPath } : {}),
      });
      if (!loaded.ok) return decline(loaded.reason);
      if (spec.optimizer.kind !== 'adam') return decline(`optimizer ${String(spec.optimizer.kind)}`);
      // The network is rebuilt from its data-only description: the executor only needs its layer graph.
      const { architectureKey, inputShape, numClasses, seed, heads } = spec.model;
      const net = buildStudent(architectureKey, inputShape, numClasses, seed, heads);
      try {
        const trainer = new NativeTrainer(loaded.addon, net.trainedModel, nativeLoss(spec.loss, heads), {
          ...(options.threads ? { threads: options.threads } : {}),
          adam: spec.optimizer,
        });
        factory.declined = undefined;
        return new NativeExecutor(trainer, spec, loaded.info.selected);
      } catch (e) {
        if (e instanceof UnsupportedModelError) return decline(`${architectureKey}: ${e.message}`);
        throw e;
      } finally {
        net.dispose();
      }
    },
  };
  return factory;
}

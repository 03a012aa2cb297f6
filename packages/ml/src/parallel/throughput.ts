import * as tf from '@tensorflow/tfjs';
import { loadMnist } from '../data/mnist.ts';
import { selectSamples } from '../data/types.ts';
import { buildModel } from '../models/build-model.ts';
import { predict } from '../train/evaluate.ts';
import type { CpuLevel } from '@distillery/native';
import { nativeExecutorFactory } from '../train/native-executor.ts';
import { trainModel } from '../train/train-model.ts';

/** One throughput measurement (training-throughput.md §2 protocol, on real MNIST). */
export interface ThroughputJob {
  model: string;
  phase: 'train' | 'infer';
  batchSize: number;
  /** Samples per (shortened) epoch: the reference used 8,192. */
  epochSamples: number;
  warmupSamples: number;
  timedEpochs: number;
  seed: number;
  /** Training steps on the native engine (forced instruction set, or auto) instead of the tfjs backend. */
  native?: { cpu: CpuLevel };
}

/** Timed interval in absolute ms (performance.timeOrigin-based, comparable across worker threads). */
export interface ThroughputResult {
  samples: number;
  startMs: number;
  endMs: number;
  samplesPerSec: number;
  /** The step executor of the timed run (`native-avx512`, `tfjs-wasm`, ...); inference: the backend. */
  executor: string;
}

/**
 * Train (Adam 1e-3, seeded batches) or predict on MNIST: a warm-up pass of `warmupSamples`, then
 * `timedEpochs` × `epochSamples` timed.
 */
export async function measureThroughput(job: ThroughputJob): Promise<ThroughputResult> {
  const ds = loadMnist({ verify: false });
  const built = buildModel(job.model, { inputShape: [28, 28, 1], numClasses: 10, seed: job.seed });
  const now = () => performance.timeOrigin + performance.now();
  let startMs: number;
  let samples: number;
  let executor = `tfjs-${tf.getBackend()}`;
  if (job.phase === 'train') {
    const train = selectSamples(
      ds.train,
      Array.from({ length: Math.max(job.epochSamples, job.batchSize) }, (_, i) => i),
      [28, 28, 1],
    );
    const opts = {
      train,
      seed: job.seed,
      batchSize: job.batchSize,
      learningRate: 1e-3,
      patience: 0,
      ...(job.native ? { executors: [nativeExecutorFactory({ cpu: job.native.cpu })] } : {}),
    };
    await trainModel(built, {
      ...opts,
      epochs: 1,
      stepsPerEpoch: Math.max(1, Math.floor(job.warmupSamples / job.batchSize)),
    });
    const steps = Math.max(1, Math.floor(job.epochSamples / job.batchSize));
    startMs = now();
    executor = (await trainModel(built, { ...opts, epochs: job.timedEpochs, stepsPerEpoch: steps })).executor;
    samples = steps * job.batchSize * job.timedEpochs;
  } else {
    const take = (n: number) =>
      selectSamples(
        ds.test,
        Array.from({ length: n }, (_, i) => i % ds.test.count),
        [28, 28, 1],
      );
    predict(built, take(job.warmupSamples), job.batchSize);
    const data = take(job.epochSamples);
    startMs = now();
    for (let e = 0; e < job.timedEpochs; e++) predict(built, data, job.batchSize);
    samples = job.epochSamples * job.timedEpochs;
  }
  const endMs = now();
  built.model.dispose();
  tf.disposeVariables();
  return { samples, startMs, endMs, samplesPerSec: samples / ((endMs - startMs) / 1000), executor };
}

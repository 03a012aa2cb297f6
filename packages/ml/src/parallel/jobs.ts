import type { SplitMethod, SubsetMethod } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import type { AugmentConfig } from '../augment/augment-batch.ts';
import { initBackend, type BackendChoice, type BackendReport } from '../backend/select-backend.ts';
import { loadDataset } from '../data/load-dataset.ts';
import { selectSamples, type Dataset, type LabeledImages } from '../data/types.ts';
import { buildModel, type BuildModelOptions } from '../models/build-model.ts';
import { splitTrainVal } from '../splits/split.ts';
import { makeSubset } from '../splits/subset.ts';
import { evaluate, predictSplits, type EvalResult } from '../train/evaluate.ts';
import type { LrSchedule } from '../train/schedules.ts';
import { trainModel, weightsToBytes, type EpochMetrics, type TrainResult } from '../train/train-model.ts';
import { measureThroughput, type ThroughputJob, type ThroughputResult } from './throughput.ts';

/** A self-contained, structured-cloneable training job (one teacher), runnable in a worker thread. */
export interface TrainJob {
  kind: 'train';
  architecture: string;
  build: BuildModelOptions;
  /** A preset name (loaded inside the worker) or explicit data. */
  data:
    { preset: string; folder?: string } | { train: LabeledImages; val?: LabeledImages; test: LabeledImages };
  /** Split off a validation set when the data has none. */
  valSplit?: { method: SplitMethod; fraction: number; seed: number };
  subset?: { p: number; method: SubsetMethod; seed: number };
  /** The original's steps per epoch, floor(FULL train size / batch), even when training on a subset. */
  originalStepsPerEpoch?: boolean;
  train: {
    seed: number;
    epochs?: number;
    batchSize?: number;
    learningRate?: number;
    patience?: number;
    stepsPerEpoch?: number;
    schedule?: LrSchedule;
    augment?: AugmentConfig | null;
  };
}

/** A throughput measurement job (the train bench). */
export interface BenchJob extends ThroughputJob {
  kind: 'bench';
  /** false: the backend's stock kernels only (the baseline). */
  projectKernels?: boolean;
}

export type MlJob = TrainJob | BenchJob;

/** What a training job returns. */
export interface TrainJobResult {
  kind: 'train';
  result: Omit<TrainResult, 'snapshots'> & {
    snapshots: {
      epoch: number;
      weights: Uint8Array;
      predictions: { val?: Float32Array; test?: Float32Array };
    }[];
  };
  weights: Uint8Array;
  evaluation: { train: EvalResult; val?: EvalResult; test: EvalResult };
  predictions: { val?: Float32Array; test?: Float32Array };
  backend: BackendReport;
}

export type MlJobResult = TrainJobResult | ({ kind: 'bench'; backend: BackendReport } & ThroughputResult);

async function resolveData(
  job: TrainJob,
): Promise<{ train: LabeledImages; val?: LabeledImages; test: LabeledImages; fullTrainCount: number }> {
  let ds: Pick<Dataset, 'train' | 'val' | 'test'>;
  if ('preset' in job.data) ds = await loadDataset(job.data.preset, { folder: job.data.folder });
  else ds = job.data;
  let { train, val } = ds;
  if (!val && job.valSplit) {
    const s = splitTrainVal(train.labels, {
      method: job.valSplit.method,
      valFraction: job.valSplit.fraction,
      seed: job.valSplit.seed,
    });
    val = selectSamples(train, s.val, job.build.inputShape);
    train = selectSamples(train, s.train, job.build.inputShape);
  }
  const fullTrainCount = train.count;
  if (job.subset)
    train = selectSamples(train, makeSubset(train.labels, job.subset).members, job.build.inputShape);
  return { train, ...(val ? { val } : {}), test: ds.test, fullTrainCount };
}

/** Run one job in this thread (the worker entry calls this; it also works in-process). */
export async function runJob(
  job: MlJob,
  backend: BackendChoice,
  onEpoch?: (m: EpochMetrics) => void,
): Promise<MlJobResult> {
  const report = await initBackend({
    backend,
    projectKernels: job.kind === 'bench' ? job.projectKernels : true,
  });
  if (job.kind === 'bench') return { kind: 'bench', backend: report, ...(await measureThroughput(job)) };
  if (job.kind !== 'train')
    throw badInput('job.kind', (job as { kind: unknown }).kind, 'must be train or bench');
  const { train, val, test, fullTrainCount } = await resolveData(job);
  const built = buildModel(job.architecture, job.build);
  const batch = job.train.batchSize ?? built.trainingParams.batchSize;
  const stepsPerEpoch =
    job.train.stepsPerEpoch ??
    (job.originalStepsPerEpoch ? Math.max(1, Math.floor(fullTrainCount / batch)) : undefined);
  const r = await trainModel(built, {
    ...job.train,
    stepsPerEpoch,
    train,
    val,
    snapshotPredict: { val, test },
    onEpochEnd: onEpoch,
  });
  const result: TrainJobResult = {
    kind: 'train',
    result: {
      ...r,
      snapshots: r.snapshots.map((s) => ({ epoch: s.epoch, weights: s.weights, predictions: s.predictions })),
    },
    weights: weightsToBytes(built),
    evaluation: {
      train: evaluate(built, train),
      ...(val ? { val: evaluate(built, val) } : {}),
      test: evaluate(built, test),
    },
    predictions: predictSplits(built, { val, test }),
    backend: report,
  };
  built.model.dispose();
  return result;
}

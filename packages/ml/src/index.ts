// Public API of @distillery/ml: pure TensorFlow.js (no database, no HTTP). The vocabulary it shares with
// the API (modes, fusion rules, dataset presets, the seeded PRNG and sampler) lives in @distillery/domain.

// Backends and kernels
export {
  initBackend,
  currentBackend,
  libraryVersions,
  parseBackendChoice,
  BACKEND_CHOICES,
} from './backend/select-backend.ts';
export type { BackendChoice, BackendReport } from './backend/select-backend.ts';
export { openTensorScope, type TensorScopeReport } from './backend/tensor-scope.ts';

// Datasets
export type { Dataset, LabeledImages, ImageShape } from './data/types.ts';
export { imageSize, selectSamples } from './data/types.ts';
export { loadMnist, loadFashionMnist } from './data/mnist.ts';
// The IDX files themselves (locations, hashes, parsing) live in @distillery/artifacts, shared with the API.
export {
  MNIST_CLASSES,
  FMNIST_CLASSES,
  FMNIST_DEBIAN_DIR,
  parseIdx,
  type IdxLoadOptions,
} from '@distillery/artifacts/idx';
export { loadImageFolder, decodeImage } from './data/image-folder.ts';
export { decodeBmp, isBmp } from './data/bmp.ts';
export { datasetFromPack } from './data/pack-dataset.ts';
export { CSV_GROUP_PATTERN, loadCsvFolder, type CsvFolderOptions } from './data/csv-folder.ts';
export {
  DAIS_CODES,
  DAIS_GROUP_PATTERN,
  DAIS_VARIANTS,
  loadDaisFolder,
  type DaisImport,
  type DaisOptions,
} from './data/dais.ts';
export type { ImageFolderOptions } from './data/image-folder.ts';
export { loadDataset } from './data/load-dataset.ts';

// Splits and subsets (drawn by @distillery/domain's sampler; the CSV files are the original's format)
export { splitTrainVal } from './splits/split.ts';
export type { SplitIndices } from './splits/split.ts';
export { makeSubset } from './splits/subset.ts';
export type { Subset } from './splits/subset.ts';
export {
  writeSubsetCsv,
  readSubsetCsv,
  subsetFileName,
  parseSubsetFileName,
  fractionToken,
  parseFractionToken,
} from './splits/subset-csv.ts';

// Augmentation
export { augmentBatch, validateAugment } from './augment/augment-batch.ts';
export type { AugmentConfig } from './augment/augment-batch.ts';
export { RAND_AUGMENT_M_MAX } from './augment/rand-augment.ts';
export { augmentationFor } from './augment/policy.ts';

// Architectures
export { buildModel } from './models/build-model.ts';
export type { BuildModelOptions, BuiltModel } from './models/build-model.ts';
export { getArchitecture, listArchitectures, buildableArchitectureKeys } from './models/registry.ts';
export type { ArchitectureSpec, TrainingParams } from './models/registry.ts';
export type { ModelStats } from './models/model-stats.ts';

// Training, evaluation, prediction, checkpoints
export { trainModel, loadWeightsFromBytes, weightsToBytes } from './train/train-model.ts';
export type {
  TrainOptions,
  TrainResult,
  EpochMetrics,
  StepMetrics,
  SnapshotCheckpoint,
} from './train/train-model.ts';
export { Adam } from './train/adam.ts';
// The training engine and its pluggable step executor (the native engine implements StepExecutorFactory)
export { runTraining } from './train/engine.ts';
export type { EngineOptions, EngineResult, EngineTask, LoopState } from './train/engine.ts';
export { ADAM_DEFAULTS } from './train/step-executor.ts';
export type {
  AdamSpec,
  ExecutorSpec,
  FrozenTeachersSpec,
  LossSpec,
  ModelSpec,
  StepExecutor,
  StepExecutorFactory,
  StepOutcome,
  TrainBatch,
} from './train/step-executor.ts';
export { TfjsExecutor } from './train/tfjs-executor.ts';
export { nativeExecutorFactory, NativeExecutor } from './train/native-executor.ts';
export type { NativeExecutorOptions } from './train/native-executor.ts';
export { makeNet, netFromBuilt, predictNet, modelSpecOf, weightsSpecOf } from './train/train-net.ts';
export type { TrainNet } from './train/train-net.ts';
export { evaluate, predict, predictSplits, scorePredictions, checkData } from './train/evaluate.ts';
export type { EvalResult } from './train/evaluate.ts';
export { learningRateAt, checkpointSteps } from './train/schedules.ts';
export type { LrSchedule } from './train/schedules.ts';
export { encodeCheckpoint, decodeCheckpoint } from './train/checkpoint.ts';
export type { CheckpointData, StoredTensor } from './train/checkpoint.ts';
export { imagesToTensor, isAugmenting } from './train/sample-stream.ts';

// Parallel worker threads (each with its own backend instance)
export { runJobsInWorkers } from './parallel/worker-pool.ts';
export type { WorkerPoolOptions } from './parallel/worker-pool.ts';
export { runJob } from './parallel/jobs.ts';
export type { MlJob, MlJobResult, TrainJob, TrainJobResult, BenchJob } from './parallel/jobs.ts';
export { measureThroughput } from './parallel/throughput.ts';
export type { ThroughputJob, ThroughputResult } from './parallel/throughput.ts';

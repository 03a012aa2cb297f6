import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { selectSamples } from '../data/types.ts';
import { splitTrainVal } from '../splits/split.ts';
import { runJob, type TrainJob, type TrainJobResult } from './jobs.ts';
import { runJobsInWorkers } from './worker-pool.ts';

const mnist = loadMnist({ verify: false });
const take = (d: typeof mnist.train, n: number) =>
  selectSamples(
    d,
    Array.from({ length: n }, (_, i) => i),
    [28, 28, 1],
  );
const data = { train: take(mnist.train, 512), test: take(mnist.test, 200) };
const job = (seed: number): TrainJob => ({
  kind: 'train',
  architecture: 'test',
  build: { inputShape: [28, 28, 1], numClasses: 10, seed },
  data,
  valSplit: { method: 'STRATIFIED', fraction: 0.25, seed: 1 },
  subset: { p: 0.8, method: 'BERNOULLI', seed },
  train: { seed, epochs: 2, batchSize: 32, learningRate: 0.003, patience: 0 },
});

describe('worker threads', () => {
  it('train independent models in parallel, each identical to the same job run in-process', async () => {
    const epochs: number[] = [];
    const results = (await runJobsInWorkers([job(1), job(2), job(3)], {
      workers: 2,
      backend: 'wasm',
      onEpoch: (i) => void epochs.push(i),
    })) as TrainJobResult[];
    expect(results.map((r) => r.kind)).toEqual(['train', 'train', 'train']);
    expect(results.every((r) => r.backend.name === 'wasm')).toBe(true);
    expect(epochs.sort()).toEqual([0, 0, 1, 1, 2, 2]);
    expect(results[0]!.predictions.test).toHaveLength(200 * 10);
    const valCount = splitTrainVal(data.train.labels, { method: 'STRATIFIED', valFraction: 0.25, seed: 1 })
      .val.length;
    expect(results[0]!.predictions.val).toHaveLength(valCount * 10);
    const local = (await runJob(job(2), 'wasm')) as TrainJobResult;
    expect(Array.from(results[1]!.predictions.test!)).toEqual(Array.from(local.predictions.test!));
    expect(results[0]!.predictions.test).not.toEqual(results[1]!.predictions.test);
  });

  it('keeps the original steps per epoch (full train size / batch) when asked, on a subset', async () => {
    const r = (await runJob(
      {
        ...job(4),
        train: { ...job(4).train, epochs: 1 },
        subset: { p: 0.5, method: 'STRATIFIED_EXACT', seed: 4 },
        originalStepsPerEpoch: true,
      },
      'wasm',
    )) as TrainJobResult;
    const trainCount =
      512 - splitTrainVal(data.train.labels, { method: 'STRATIFIED', valFraction: 0.25, seed: 1 }).val.length;
    expect(r.result.history[0]!.steps).toBe(Math.floor(trainCount / 32));
  });

  it('reports a job failure as the AppError it raised', async () => {
    const bad = { ...job(1), architecture: 'resnet50_v2_aug0' };
    await expect(runJobsInWorkers([bad], { workers: 1, backend: 'wasm' })).rejects.toMatchObject({
      code: AppErrorCode.BAD_USER_INPUT,
      field: 'architecture',
    });
  });
});

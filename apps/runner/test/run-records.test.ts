// Honest run records (issue 22 item 6): ML_BACKEND is honoured, every run records what it ran on,
// and a runner serving the gpu queue without a GPU backend refuses to start unless allowed.
import { execFileSync } from 'node:child_process';
import { cpus, hostname } from 'node:os';

import { beforeAll, describe, expect, it } from 'vitest';

import type { BackendReport } from '@distillery/ml';

import { gpuQueueRefusal } from '../src/system/backend-probe.ts';
import { parseGpuList } from '../src/system/host-facts.ts';
import {
  createMnistProject,
  createSmallSplit,
  createTeacherRun,
  waitForEnd,
  type MnistProject,
} from './fixtures.ts';
import { runnerSuite } from './runner-process.ts';

const suite = runnerSuite();
let p: MnistProject;
beforeAll(async () => {
  // A small split with its own test part: the cpu backend predicts a few hundred samples, not 10,000.
  p = await createSmallSplit(suite.db.prisma, await createMnistProject(suite.db.prisma), {
    train: 512,
    val: 128,
    test: 128,
  });
});

const wasm: BackendReport = {
  name: 'wasm',
  provider: '@tensorflow/tfjs-backend-wasm',
  usesGpu: false,
  projectKernels: [],
  skipped: ['@tensorflow/tfjs-node-gpu: Cannot find package'],
};

describe('the gpu-queue policy', () => {
  it('refuses the gpu queue on a CPU backend unless allowed; a GPU backend or a cpu-only runner passes', () => {
    expect(gpuQueueRefusal(['gpu', 'cpu'], wasm, false)).toMatch(
      /refusing to serve the gpu queue: no GPU backend initialised \(ML backend wasm .*tfjs-node-gpu: Cannot find package.*RUNNER_GPU_ALLOW_CPU=true/,
    );
    expect(gpuQueueRefusal(['gpu'], wasm, true)).toBeNull();
    expect(gpuQueueRefusal(['cpu'], wasm, false)).toBeNull();
    expect(gpuQueueRefusal(['gpu'], { ...wasm, name: 'tensorflow', usesGpu: true }, false)).toBeNull();
  });

  it('parses the GPU list of nvidia-smi', () => {
    expect(parseGpuList('NVIDIA A100-SXM4-40GB, 535.104.05, 40960\nTesla T4, 535.104.05, 15360\n')).toEqual([
      { name: 'NVIDIA A100-SXM4-40GB', driver: '535.104.05', memoryMb: 40960 },
      { name: 'Tesla T4', driver: '535.104.05', memoryMb: 15360 },
    ]);
  });

  it('a runner process serving the gpu queue without a GPU exits with the reason; serving only cpu it starts', async () => {
    const refused = suite.spawn('gpu-refused', { RUNNER_QUEUES: 'gpu,cpu', RUNNER_GPU_ALLOW_CPU: 'false' });
    const code = await new Promise((r) => refused.child.once('exit', r));
    expect(code).toBe(1);
    expect(refused.output()).toMatch(/runner: refusing to serve the gpu queue: no GPU backend initialised/);
    const cpuOnly = suite.spawn('cpu-only', { RUNNER_QUEUES: 'cpu', RUNNER_GPU_ALLOW_CPU: 'false' });
    await cpuOnly.ready;
  }, 60_000);
});

describe('the run record', () => {
  it('says which backend (ML_BACKEND) and engine ran, the library versions, host, CPU and git commit', async () => {
    const runner = suite.spawn('records', { ML_BACKEND: 'cpu', ML_ENGINE: 'tfjs' });
    await runner.ready;
    expect(runner.output()).toMatch(
      /ML backend cpu \(@tensorflow\/tfjs-backend-cpu\); gpu-queue jobs train on the CPU/,
    );
    const { runId } = await createTeacherRun(suite.db.prisma, p, {
      subsetSize: 256,
      epochs: 1,
      name: 'records',
    });
    expect(await waitForEnd(suite.db.prisma, runId)).toMatchObject({ status: 'SUCCEEDED' });
    const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(run.environment).toMatchObject({
      attempt: 1,
      engine: 'tfjs-cpu',
      engineChoice: 'tfjs',
      backend: { name: 'cpu', provider: '@tensorflow/tfjs-backend-cpu', usesGpu: false, requested: 'cpu' },
      versions: {
        node: process.version,
        '@tensorflow/tfjs': '4.22.0',
        '@tensorflow/tfjs-backend-wasm': '4.22.0',
      },
      hostname: hostname(),
      cpu: { model: cpus()[0]!.model.trim(), cores: cpus().length },
      gpus: expect.any(Array),
      git: { commit },
    });
    expect((run.summary as { engine: string }).engine).toBe('tfjs-cpu');
    // Validation points of a teacher are at the batch step of each epoch end, like the training points.
    const val = await suite.db.prisma.metricPoint.findMany({ where: { runId, key: 'val_loss' } });
    const steps = Math.floor(256 / 128);
    expect(val.map((v) => v.step)).toEqual([steps]);
  }, 180_000);
});

// `npm run bench -- train [--quick] [--models test,small-cnn,mlp,resnet_small] [--engines native,native-avx2,wasm,cpu]
//   [--workers 1,2] [--rounds 1] [--torch-ref PATH] [--python /usr/bin/python3] [--no-torch]`
// Training (batch 64, Adam 1e-3) and inference throughput on real MNIST (training-throughput.md
// protocol: a warm-up pass, then timed epochs of 8,192 samples). Every engine runs in its own child
// process; `workers` = concurrent jobs (worker threads) in that process: one native job uses every core
// through the engine's thread pool, two share them. Tuned PyTorch (torch_ref.py) runs in the same run,
// interleaved per model, and a `train-ratio` row per model compares the best of each side. Every row
// carries `load` (1-minute load average) and `otherCores` (CPU other processes used meanwhile).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runJobsInWorkers, type BenchJob, type MlJobResult } from '../src/index.ts';
import { loadAverage, measureChild } from './train-load.ts';
import { DEFAULT_PYTHON, DEFAULT_TORCH_REF, runTorch, torchUnavailable } from './train-torch.ts';

type Engine = 'native' | 'native-avx2' | 'wasm' | 'cpu';

interface Config {
  model: string;
  phase: 'train' | 'infer';
  engine: Engine;
  workers: number;
  epochSamples: number;
  warmupSamples: number;
  timedEpochs: number;
}

/** Goals of issue 21 (native / tuned PyTorch, best configuration of each). */
const GOALS: Record<string, { native: number; avx2?: number }> = {
  test: { native: 1.5, avx2: 1.0 },
  'small-cnn': { native: 1.5, avx2: 1.0 },
  mlp: { native: 1.5, avx2: 1.0 },
  resnet_small: { native: 1.0 },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round = (v: number) => (v < 100 ? Math.round(v * 10) / 10 : Math.round(v));

async function runOne(cfg: Config): Promise<void> {
  const native =
    cfg.engine === 'native'
      ? { cpu: 'auto' as const }
      : cfg.engine === 'native-avx2'
        ? { cpu: 'avx2' as const }
        : undefined;
  const jobs: BenchJob[] = Array.from({ length: cfg.workers }, (_, w) => ({
    kind: 'bench',
    model: cfg.model,
    phase: cfg.phase,
    batchSize: cfg.phase === 'train' ? 64 : 256,
    epochSamples: cfg.epochSamples,
    warmupSamples: cfg.warmupSamples,
    timedEpochs: cfg.timedEpochs,
    seed: 1 + w,
    projectKernels: cfg.engine !== 'cpu',
    ...(native ? { native } : {}),
  }));
  const backend = cfg.engine === 'cpu' ? 'cpu' : 'wasm';
  const results = (await runJobsInWorkers(jobs, { workers: cfg.workers, backend })) as Extract<
    MlJobResult,
    { kind: 'bench' }
  >[];
  const samples = results.reduce((a, r) => a + r.samples, 0);
  const seconds =
    (Math.max(...results.map((r) => r.endMs)) - Math.min(...results.map((r) => r.startMs))) / 1000;
  const line = {
    bench: 'train',
    model: cfg.model,
    phase: cfg.phase,
    engine: cfg.engine,
    executor: results[0]!.executor,
    workers: cfg.workers,
    samplesPerSec: round(samples / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    batchSize: jobs[0]!.batchSize,
    timedSamples: samples,
    baseline: cfg.engine === 'cpu',
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function configsFor(model: string, engines: Engine[], workerCounts: number[], quick: boolean): Config[] {
  const out: Config[] = [];
  const slow = model === 'resnet_small';
  const epochSamples = quick ? 2048 : 8192;
  const timedEpochs = quick ? 1 : 3;
  for (const engine of engines) {
    for (const phase of ['train', 'infer'] as const) {
      if (phase === 'infer' && engine !== 'wasm' && engine !== 'cpu') continue; // inference runs on tfjs
      if (engine === 'cpu') {
        // Baseline: stock cpu kernels, 1 worker, shortened (small-cnn trains at ~3 samples/s); skipped for the ResNet.
        if (slow) continue;
        const cpuTrain = model === 'small-cnn' ? 64 : 512;
        out.push({
          model,
          phase,
          engine,
          workers: 1,
          epochSamples: phase === 'train' ? cpuTrain : 2048,
          warmupSamples: phase === 'train' ? 64 : 512,
          timedEpochs: 1,
        });
        continue;
      }
      for (const workers of workerCounts) {
        // tfjs-wasm trains resnet_small at ~50 samples/s: one short timed epoch.
        const wasmResnet = slow && engine === 'wasm' && phase === 'train';
        out.push({
          model,
          phase,
          engine,
          workers,
          epochSamples: wasmResnet ? 256 : epochSamples,
          warmupSamples: phase === 'train' ? (wasmResnet ? 64 : quick ? 1024 : 2048) : 1024,
          timedEpochs: wasmResnet ? 1 : timedEpochs,
        });
      }
    }
  }
  return out;
}

function runChild(self: string, cfg: Config): Record<string, unknown> {
  const { result, otherCores, load } = measureChild(() =>
    spawnSync(process.execPath, [...process.execArgv, self, '--config', JSON.stringify(cfg)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  if (result.status !== 0)
    throw new Error(`bench config ${JSON.stringify(cfg)} failed with status ${result.status}`);
  return { ...(JSON.parse(result.stdout.trim()) as Record<string, unknown>), otherCores, load };
}

function ratioRow(model: string, rows: Record<string, unknown>[]): Record<string, unknown> {
  const best = (pred: (r: Record<string, unknown>) => boolean) =>
    Math.max(0, ...rows.filter((r) => r.model === model && pred(r)).map((r) => Number(r.samplesPerSec)));
  const torch = best((r) => r.bench === 'torch');
  const nativeBest = best((r) => r.bench === 'train' && r.phase === 'train' && r.engine === 'native');
  const avx2 = best((r) => r.bench === 'train' && r.phase === 'train' && r.engine === 'native-avx2');
  const wasm = best((r) => r.bench === 'train' && r.phase === 'train' && r.engine === 'wasm');
  const goal = GOALS[model];
  const ratio = (v: number) => (torch > 0 && v > 0 ? Math.round((100 * v) / torch) / 100 : null);
  return {
    bench: 'train-ratio',
    model,
    torchBest: torch || null,
    nativeBest: nativeBest || null,
    nativeRatio: ratio(nativeBest),
    avx2Best: avx2 || null,
    avx2Ratio: ratio(avx2),
    wasmRatio: ratio(wasm),
    goal: goal?.native ?? null,
    avx2Goal: goal?.avx2 ?? null,
    load: loadAverage(),
  };
}

async function main(): Promise<void> {
  const one = arg('config');
  if (one) return runOne(JSON.parse(one) as Config);
  const quick = process.argv.includes('--quick');
  const models = (arg('models') ?? 'test,small-cnn,mlp,resnet_small').split(',');
  const engines = (arg('engines') ?? 'native,native-avx2,wasm,cpu').split(',') as Engine[];
  const workerCounts = (arg('workers') ?? '1,2').split(',').map(Number);
  const rounds = Number(arg('rounds') ?? 1);
  const python = arg('python') ?? DEFAULT_PYTHON;
  const script = arg('torch-ref') ?? process.env.DISTILLERY_TORCH_REF ?? DEFAULT_TORCH_REF;
  const noTorch = process.argv.includes('--no-torch') ? '--no-torch given' : torchUnavailable(python, script);
  if (noTorch)
    process.stdout.write(`${JSON.stringify({ bench: 'torch', skipped: true, reason: noTorch })}\n`);
  const self = fileURLToPath(import.meta.url);
  const rows: Record<string, unknown>[] = [];
  const emit = (r: Record<string, unknown>) => {
    rows.push(r);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };
  for (let k = 0; k < rounds; k++) {
    for (const model of models) {
      // Interleaved: PyTorch, then each engine, per model (ratios hold under a drifting load).
      if (!noTorch) runTorch(python, script, model).forEach((r) => emit({ ...r, round: k }));
      for (const cfg of configsFor(model, engines, workerCounts, quick))
        emit({ ...runChild(self, cfg), round: k });
    }
  }
  for (const model of models) {
    const r = ratioRow(model, rows);
    emit(r);
    console.error(
      `${model}: native ${r.nativeBest ?? '-'} samples/s = ${r.nativeRatio ?? '?'}× tuned PyTorch ${r.torchBest ?? '-'} (goal ${r.goal ?? '-'}×); AVX2-only ${r.avx2Ratio ?? '?'}× (goal ${r.avx2Goal ?? '-'}×); tfjs-wasm ${r.wasmRatio ?? '?'}×`,
    );
  }
}

await main();

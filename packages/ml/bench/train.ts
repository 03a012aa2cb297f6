// `npm run bench -- train [--quick] [--models test,small-cnn,mlp] [--workers 1,2]`: training and
// inference throughput on real MNIST (training-throughput.md protocol: batch 64 / inference 256, a
// warm-up pass, then timed epochs of 8,192 samples). One JSON line per figure on stdout, prose on
// stderr. Each configuration runs in its own child process so `peakRssMb` is that configuration's.
// Baseline measured in the same run: the stock pure-JS cpu backend (no project kernels), shortened.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runJobsInWorkers, type BenchJob, type MlJobResult } from '../src/index.ts';

interface Config {
  model: string;
  phase: 'train' | 'infer';
  backend: 'wasm' | 'cpu';
  workers: number;
  projectKernels: boolean;
  epochSamples: number;
  warmupSamples: number;
  timedEpochs: number;
}

/** Tuned 2-thread PyTorch 1.13 on this machine kind (training-throughput.md §1), samples/s. */
const PYTORCH_2T: Record<string, { train: number; infer?: number }> = {
  test: { train: 32302, infer: 51069 },
  'small-cnn': { train: 7644, infer: 15991 },
  mlp: { train: 11247 },
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Busy CPU seconds of the whole machine so far (procfs), to report what other processes used. */
function machineBusySeconds(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return (f.reduce((a, b) => a + b, 0) - idle) / 100; // USER_HZ = 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function runOne(cfg: Config): Promise<void> {
  const busy0 = machineBusySeconds();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const jobs: BenchJob[] = Array.from({ length: cfg.workers }, (_, w) => ({
    kind: 'bench',
    model: cfg.model,
    phase: cfg.phase,
    batchSize: cfg.phase === 'train' ? 64 : 256,
    epochSamples: cfg.epochSamples,
    warmupSamples: cfg.warmupSamples,
    timedEpochs: cfg.timedEpochs,
    seed: 1 + w,
    projectKernels: cfg.projectKernels,
  }));
  const results = (await runJobsInWorkers(jobs, { workers: cfg.workers, backend: cfg.backend })) as Extract<
    MlJobResult,
    { kind: 'bench' }
  >[];
  const own = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const otherCores = (machineBusySeconds() - busy0 - (own.user + own.system) / 1e6) / wall;
  const samples = results.reduce((a, r) => a + r.samples, 0);
  const seconds =
    (Math.max(...results.map((r) => r.endMs)) - Math.min(...results.map((r) => r.startMs))) / 1000;
  const line = {
    bench: 'train',
    model: cfg.model,
    phase: cfg.phase,
    backend: cfg.backend,
    workers: cfg.workers,
    samplesPerSec:
      samples / seconds < 100 ? Math.round((10 * samples) / seconds) / 10 : Math.round(samples / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    batchSize: jobs[0]!.batchSize,
    timedSamples: samples,
    projectKernels: results[0]!.backend.projectKernels.length,
    baseline: !cfg.projectKernels,
    // Cores used by OTHER processes during this run (the machine has 2): > 0.1 means a noisy figure.
    otherCores: Math.round(Math.max(0, otherCores) * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main(): Promise<void> {
  const one = arg('config');
  if (one) return runOne(JSON.parse(one) as Config);
  const quick = process.argv.includes('--quick');
  const models = (arg('models') ?? 'test,small-cnn,mlp').split(',');
  const workerCounts = (arg('workers') ?? '1,2').split(',').map(Number);
  const epochSamples = quick ? 2048 : 8192;
  const timedEpochs = quick ? 1 : 3;
  const configs: Config[] = [];
  for (const model of models) {
    for (const phase of ['train', 'infer'] as const) {
      // Baseline: stock cpu, 1 worker, shortened (it trains small-cnn at ~3 samples/s).
      const cpuTrain = model === 'small-cnn' ? 64 : 512;
      configs.push({
        model,
        phase,
        backend: 'cpu',
        workers: 1,
        projectKernels: false,
        epochSamples: phase === 'train' ? cpuTrain : 2048,
        warmupSamples: phase === 'train' ? 64 : 512,
        timedEpochs: 1,
      });
      for (const workers of workerCounts) {
        configs.push({
          model,
          phase,
          backend: 'wasm',
          workers,
          projectKernels: true,
          epochSamples,
          warmupSamples: phase === 'train' ? epochSamples : 1024,
          timedEpochs,
        });
      }
    }
  }
  const self = fileURLToPath(import.meta.url);
  const lines: Record<string, number>[] = [];
  for (const cfg of configs) {
    const r = spawnSync(process.execPath, [...process.execArgv, self, '--config', JSON.stringify(cfg)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench config ${JSON.stringify(cfg)} failed with status ${r.status}`);
    const out = r.stdout.trim();
    process.stdout.write(`${out}\n`);
    lines.push(JSON.parse(out) as Record<string, number>);
  }
  for (const model of models) {
    for (const phase of ['train', 'infer'] as const) {
      const of = (b: string, w = 1) =>
        lines.find(
          (l) =>
            (l.model as unknown) === model &&
            (l.phase as unknown) === phase &&
            (l.backend as unknown) === b &&
            l.workers === w,
        )?.samplesPerSec;
      const cpu = of('cpu');
      const pt = PYTORCH_2T[model]?.[phase];
      for (const w of workerCounts) {
        const v = of('wasm', w);
        if (v === undefined) continue;
        console.error(
          `${model} ${phase} wasm×${w}: ${v} samples/s = ${cpu ? (v / cpu).toFixed(1) : '?'}× the stock cpu baseline (${cpu})` +
            (pt ? `, ${(v / pt).toFixed(2)}× tuned 2-thread PyTorch (${pt}, training-throughput.md §1)` : ''),
        );
      }
    }
  }
}

await main();

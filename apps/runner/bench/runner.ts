// `npm run bench -- runner [--teachers 4] [--sizes 2048x2,8192x4] [--overhead-epochs 4] [--engine auto|native|tfjs]`
// JSON lines on stdout, prose on stderr. Every figure compares against a baseline measured in this run:
//  - parallel: wall time of K MNIST `test`-CNN teachers through a runner. Three ways, alternated:
//    one at a time on one core each (--concurrency 1, ML_NATIVE_THREADS=1), one at a time with the
//    engine's thread pool on both cores (--concurrency 1, the default), and two at a time (--concurrency 2,
//    each job in its own warm worker thread, one core each). `speedup` is one-core-each sequential over
//    concurrent (what running jobs side by side buys, start-up included); `speedupVsBothCores` is the
//    same against a lone job that already uses both cores (≈ 1 when the pool scales); `bothCores` is
//    what the pool buys a job alone. One row per teacher size (`--sizes SUBSETxEPOCHS,...`): the small
//    one is mostly per-job work (set-up, 10,000 test predictions, checkpoints, exports), the larger one
//    mostly training. The runner's job threads have booted before it is timed (a runner is long-lived).
//    `trainSpeedup` compares training alone: twice a concurrent job's epoch samples/s against a lone
//    one-core job's (epochs after each job's first).
//  - overhead: epoch throughput of one teacher trained through the runner (queue, worker thread, metric
//    streaming, per-epoch checkpoints to the artifact store) divided by the bare ML-core loop on the
//    same samples, seed and epochs, timed the same way (between epoch ends, first epoch = warm-up).
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';

import { isTerminalRunStatus } from '@distillery/domain';
import { buildModel, initBackend, trainModel } from '@distillery/ml';

import { openBenchDatabase } from './bench-database.ts';
import { loadTrainingData } from '../src/jobs/shared/load-data.ts';
import { stepExecutors } from '../src/jobs/shared/engine-hooks.ts';
import { startRunner } from '../src/runner.ts';
import {
  createMnistProject,
  createTeacherRun,
  tempArtifacts,
  waitFor,
  waitForEnd,
  type MnistProject,
} from '../test/fixtures.ts';

const { values } = parseArgs({
  options: {
    teachers: { type: 'string' },
    /** Teacher sizes of the parallel rows, `SUBSETxEPOCHS` comma-separated. */
    sizes: { type: 'string' },
    'overhead-epochs': { type: 'string' },
    /** Step engine of the jobs: auto (native when available), native or tfjs. */
    engine: { type: 'string' },
  },
});
const ENGINE = {
  engine: (values.engine ?? 'auto') as 'auto' | 'native' | 'tfjs',
  nativeCpu: 'auto' as const,
  backend: 'auto' as const,
};
const K = Number(values.teachers ?? 4);
const SIZES = (values.sizes ?? '2048x2,8192x4').split(',').map((s) => {
  const [subset, epochs] = s.split('x').map(Number) as [number, number];
  return { subset, epochs };
});
// The overhead rows use the first size.
const SUBSET = SIZES[0]!.subset;
const OVERHEAD_EPOCHS = Number(values['overhead-epochs'] ?? 4);
const log = (s: string): void => void process.stderr.write(`${s}\n`);

// The bench works in a database of its own.
const bench = await openBenchDatabase('runner');
const { url, db } = bench;

/** How a batch of teachers is run: jobs at a time, and threads per native step (0 = the pool's share). */
type Mode = { concurrency: 1 | 2; threads: 0 | 1 };
const MODES = {
  oneCoreEach: { concurrency: 1, threads: 1 },
  bothCores: { concurrency: 1, threads: 0 },
  concurrent: { concurrency: 2, threads: 0 },
} as const satisfies Record<string, Mode>;
type ModeName = keyof typeof MODES;

/** Wall time of a batch of teachers, and their training rate: mean samples/s of a job's epochs after its first. */
async function timeTeachers(
  p: MnistProject,
  mode: Mode,
  size: { subset: number; epochs: number },
): Promise<{ wallMs: number; jobSamplesPerSec: number }> {
  const { concurrency } = mode;
  const runner = await startRunner({
    databaseUrl: url,
    queues: ['gpu', 'cpu'],
    concurrency,
    engine: { ...ENGINE, nativeThreads: mode.threads },
    artifacts: tempArtifacts(),
    pollIntervalMs: 100,
    log: () => undefined,
  });
  try {
    // A runner is long-lived: its job threads have booted and run jobs before (JIT-compiled code, the
    // dataset decoded, a database client). One small teacher per thread, untimed, stands for that.
    await runner.threadsWarm();
    const warmups = [];
    for (let i = 0; i < concurrency; i++)
      warmups.push(
        await createTeacherRun(db.prisma, p, { subsetSize: 256, epochs: 1, seed: 90 + i, name: 'warm-up' }),
      );
    for (const w of warmups) await waitForEnd(db.prisma, w.runId, 600_000);
    const t0 = performance.now();
    const runs = [];
    for (let i = 0; i < K; i++)
      runs.push(
        await createTeacherRun(db.prisma, p, {
          subsetSize: size.subset,
          epochs: size.epochs,
          seed: 100 + i,
          name: `bench c${concurrency} t${mode.threads} #${i}`,
        }),
      );
    await waitForAll(runs.map((r) => r.runId));
    const wallMs = performance.now() - t0;
    const rates = await db.prisma.metricPoint.findMany({
      where: { runId: { in: runs.map((r) => r.runId) }, key: 'samples_per_sec', step: { gt: 0 } },
      orderBy: { step: 'asc' },
    });
    const firstStep = Math.min(...rates.map((m) => m.step));
    const steady = rates.filter((m) => size.epochs === 1 || m.step > firstStep).map((m) => m.value);
    return { wallMs, jobSamplesPerSec: steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length) };
  } finally {
    await runner.stop();
  }
}

/**
 * Wait until every run has ended, polling all of them every 20 ms: waitForEnd looks at one run every
 * 200 ms, and that slack, the same in every mode, was added to each wall time and pulled the ratios
 * toward 1 (by up to ~10 % on the small row's 2 s).
 */
async function waitForAll(runIds: string[]): Promise<void> {
  const runs = await waitFor(
    'the bench teachers to end',
    async () => {
      const rs = await db.prisma.run.findMany({
        where: { id: { in: runIds } },
        select: { id: true, status: true, failureReason: true },
      });
      return rs.every((r) => isTerminalRunStatus(r.status)) ? rs : undefined;
    },
    600_000,
    20,
  );
  const bad = runs.find((r) => r.status !== 'SUCCEEDED');
  if (bad) throw new Error(`bench teacher ${bad.id} ${bad.status}: ${bad.failureReason}`);
}

/** One `parallel` row: K teachers of `size` in each mode, alternated. */
async function parallelRow(p: MnistProject, size: { subset: number; epochs: number }): Promise<void> {
  log(`runner bench: ${K} teachers × ${size.subset} samples × ${size.epochs} epochs, MNIST test CNN`);
  // Alternated (a, b, c, c, b, a) and best of two each, so a burst of other work hits every mode alike.
  const order: ModeName[] = [
    'oneCoreEach',
    'bothCores',
    'concurrent',
    'concurrent',
    'bothCores',
    'oneCoreEach',
  ];
  const walls: Record<ModeName, number[]> = { oneCoreEach: [], bothCores: [], concurrent: [] };
  const rates: Record<ModeName, number[]> = { oneCoreEach: [], bothCores: [], concurrent: [] };
  for (const m of order) {
    const r = await timeTeachers(p, MODES[m], size);
    walls[m].push(r.wallMs);
    rates[m].push(r.jobSamplesPerSec);
    log(
      `  ${m}: ${(r.wallMs / 1000).toFixed(1)} s, ${Math.round(r.jobSamplesPerSec)} samples/s a job (load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
  const [oneCore, both, concurrent] = (['oneCoreEach', 'bothCores', 'concurrent'] as const).map((m) =>
    Math.min(...walls[m]),
  ) as [number, number, number];
  const bestRate = (m: ModeName): number => Math.max(...rates[m]);
  const sec = (ms: number): number => +(ms / 1000).toFixed(2);
  console.log(
    JSON.stringify({
      bench: 'parallel',
      engine: ENGINE.engine,
      concurrency: 2,
      teachers: K,
      subset: size.subset,
      epochs: size.epochs,
      sequentialOneCoreSec: sec(oneCore),
      sequentialBothCoresSec: sec(both),
      parallelSec: sec(concurrent),
      speedup: +(oneCore / concurrent).toFixed(3),
      speedupVsBothCores: +(both / concurrent).toFixed(3),
      bothCores: +(oneCore / both).toFixed(3),
      // Training alone: two jobs' epochs side by side against one job's on one core (samples/s).
      oneCoreJobSamplesPerSec: Math.round(bestRate('oneCoreEach')),
      concurrentJobSamplesPerSec: Math.round(bestRate('concurrent')),
      trainSpeedup: +((2 * bestRate('concurrent')) / bestRate('oneCoreEach')).toFixed(3),
      load: +loadavg()[0]!.toFixed(2),
    }),
  );
}

/** Mean seconds per epoch after the first, from epoch-end timestamps. */
function steadyEpochSeconds(ends: number[]): number {
  return (ends.at(-1)! - ends[0]!) / 1000 / (ends.length - 1);
}

try {
  const p = await createMnistProject(db.prisma);
  log(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} cores (other work slows both sides)`,
  );
  for (const size of SIZES) await parallelRow(p, size);

  // Overhead: the same teacher through the runner and through the bare loop, alternated twice; the
  // best epoch time of each counts (other work on a shared machine only slows runs down).
  const subsetRun = await createTeacherRun(db.prisma, p, {
    subsetSize: SUBSET,
    epochs: 1,
    seed: 7,
    name: 'bench subset',
  });
  const subsetId = (await db.prisma.teacher.findUniqueOrThrow({ where: { id: subsetRun.teacherId } }))
    .subsetId;
  // MNIST is a package dataset: no FOLDER root is read.
  const data = await loadTrainingData(db.prisma, p.splitId, subsetId, { roots: [] });
  await initBackend({ backend: 'auto' });
  const viaRunner: number[] = [];
  const bare: number[] = [];
  let batch = 128;
  for (let round = 0; round < 2; round++) {
    const run = await createTeacherRun(db.prisma, p, {
      subsetSize: SUBSET,
      epochs: OVERHEAD_EPOCHS,
      seed: 7,
      name: `bench overhead ${round}`,
    });
    const runner = await startRunner({
      databaseUrl: url,
      queues: ['gpu'],
      concurrency: 1,
      engine: ENGINE,
      artifacts: tempArtifacts(),
      pollIntervalMs: 100,
      log: () => undefined,
    });
    await waitForEnd(db.prisma, run.runId, 600_000);
    await runner.stop();
    const epochPoints = await db.prisma.metricPoint.findMany({
      where: { runId: run.runId, key: 'epoch' },
      orderBy: { step: 'asc' },
    });
    viaRunner.push(steadyEpochSeconds(epochPoints.map((m) => m.wallTime.getTime())));
    const built = buildModel('test', { inputShape: data.dataset.shape, numClasses: 10, seed: 7 });
    batch = built.trainingParams.batchSize;
    const ends: number[] = [];
    // The same step engine as the runner's jobs (a bare tfjs loop would compare two engines).
    await trainModel(built, {
      train: data.train,
      val: data.val,
      seed: 7,
      epochs: OVERHEAD_EPOCHS,
      executors: stepExecutors(ENGINE),
      onEpochEnd: () => void ends.push(Date.now()),
    });
    bare.push(steadyEpochSeconds(ends));
  }
  const samples = Math.floor(SUBSET / batch) * batch;
  const best = (xs: number[]): number => Math.min(...xs);
  log(
    `  overhead: runner ${viaRunner.map((t) => (samples / t).toFixed(0)).join(', ')} samples/s; bare loop ${bare.map((t) => (samples / t).toFixed(0)).join(', ')} samples/s; load ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    JSON.stringify({
      bench: 'overhead',
      runnerSamplesPerSec: Math.round(samples / best(viaRunner)),
      bareSamplesPerSec: Math.round(samples / best(bare)),
      ratio: +(best(bare) / best(viaRunner)).toFixed(3),
    }),
  );
} finally {
  await bench.drop();
}

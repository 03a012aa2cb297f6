// Runner process entry point: `tsx apps/runner/src/main.ts [--concurrency N] [--queues gpu,cpu]`.
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { datasetRootsFrom } from '@distillery/db/dataset-roots';
import { JOB_QUEUES, type JobQueue } from '@distillery/domain';
import { createLogger, startHealthServer } from '@distillery/observe';

import { artifactStoreConfig } from '@distillery/artifacts';
import { readEnv } from './env.ts';
import { startRunner } from './runner.ts';
import { gpuQueueRefusal, probeBackend } from './system/backend-probe.ts';

/** One line on stderr and exit: what an operator reads when the runner cannot start. */
function die(message: string, code: number): never {
  process.stderr.write(`runner: ${message}\n`);
  process.exit(code);
}

let env: ReturnType<typeof readEnv>;
try {
  env = readEnv();
} catch (e) {
  die((e as Error).message, 2);
}
const log = createLogger('runner', { level: env.LOG_LEVEL, pretty: env.DISTILLERY_LOG_PRETTY === '1' });
const { values } = parseArgs({
  options: { concurrency: { type: 'string' }, queues: { type: 'string' } },
  allowPositionals: false,
});
const concurrency = Number(values.concurrency ?? env.RUNNER_CONCURRENCY);
const queues = (values.queues ?? env.RUNNER_QUEUES).split(',').map((q) => q.trim());
const unknown = queues.find((q) => !(JOB_QUEUES as readonly string[]).includes(q));
if (unknown !== undefined) die(`unknown queue "${unknown}" (expected ${JOB_QUEUES.join(', ')})`, 2);
if (!Number.isInteger(concurrency) || concurrency < 1) die('--concurrency must be a positive integer', 2);

let runner: Awaited<ReturnType<typeof startRunner>>;
try {
  // Job threads initialise ML_BACKEND themselves; the probe finds out what they will get before
  // this runner takes gpu-queue jobs it could only run on the CPU.
  const backend = await probeBackend(env.ML_BACKEND);
  const refusal = gpuQueueRefusal(queues, backend, env.RUNNER_GPU_ALLOW_CPU);
  if (refusal) {
    console.error(`runner: ${refusal}`);
    process.exit(1);
  }
  console.log(
    `runner: ML backend ${backend.name} (${backend.provider}${backend.usesGpu ? ', GPU' : ''})` +
      (queues.includes('gpu') && !backend.usesGpu
        ? '; gpu-queue jobs train on the CPU (RUNNER_GPU_ALLOW_CPU)'
        : ''),
  );
  runner = await startRunner({
    databaseUrl: env.DATABASE_URL,
    ...(env.RUNNER_ID ? { name: env.RUNNER_ID } : {}),
    queues: queues as JobQueue[],
    concurrency,
    artifacts: artifactStoreConfig(env),
    engine: {
      engine: env.ML_ENGINE,
      nativeCpu: env.ML_NATIVE_CPU,
      nativeThreads: env.ML_NATIVE_THREADS,
      backend: env.ML_BACKEND,
    },
    backend,
    ...(env.DISTILLERY_GIT_COMMIT ? { gitCommit: env.DISTILLERY_GIT_COMMIT } : {}),
    datasetRoots: datasetRootsFrom(env),
    datasetCacheDir: env.DISTILLERY_DATASET_CACHE ?? join(env.DISTILLERY_DATA_DIR, 'cache', 'datasets'),
    jobMemoryMb: env.RUNNER_JOB_MEMORY_MB,
    heartbeatMs: env.RUNNER_HEARTBEAT_MS,
    staleMs: env.RUNNER_STALE_MS,
    reapIntervalMs: env.RUNNER_REAP_INTERVAL_MS,
    pollIntervalMs: env.RUNNER_POLL_MS,
    metricFlushMs: env.RUNNER_METRIC_FLUSH_MS,
    outageWaitMs: env.RUNNER_DB_OUTAGE_MS,
    ...(env.RUNNER_DB_POOL ? { poolSize: env.RUNNER_DB_POOL } : {}),
    logger: log,
  });
} catch (e) {
  die(`cannot start: ${e instanceof Error ? e.message : String(e)}`, 1);
}
const health =
  env.RUNNER_HEALTH_PORT > 0
    ? await startHealthServer({
        port: env.RUNNER_HEALTH_PORT,
        host: env.RUNNER_HEALTH_HOST,
        registry: runner.metrics.registry,
        readyz: async () => {
          const database = await runner.db.pool.query('SELECT 1').then(
            () => true,
            () => false,
          );
          return { ok: database, details: { database } };
        },
      })
    : null;
log.info({ runnerId: runner.runnerId, health: health?.url }, `runner ${runner.runnerId} ready`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  await health?.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());

import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendChoice } from '../backend/select-backend.ts';
import type { EpochMetrics } from '../train/train-model.ts';
import type { MlJob, MlJobResult } from './jobs.ts';

/** Options of `runJobsInWorkers`. */
export interface WorkerPoolOptions {
  /** Worker threads (each with its own tfjs and wasm instance); default: the number of cores. */
  workers?: number;
  backend?: BackendChoice;
  onEpoch?: (jobIndex: number, m: EpochMetrics) => void;
}

/**
 * Start a worker thread running the TypeScript entry. The worker registers tsx's ESM loader itself
 * (`--import tsx` in a worker's execArgv is not honoured under Vitest), so this works under `tsx`,
 * Vitest and plain Node alike.
 */
function startWorker(): Worker {
  // The ESM build of tsx's API (require.resolve would pick the CJS one, which cannot register ESM hooks).
  const tsxApi =
    typeof import.meta.resolve === 'function'
      ? import.meta.resolve('tsx/esm/api')
      : pathToFileURL(
          createRequire(import.meta.url)
            .resolve('tsx/esm/api')
            .replace(/\.cjs$/, '.mjs'),
        ).href;
  const entry = new URL('./worker-entry.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Run independent jobs (teachers, bench runs) on parallel worker threads. The wasm backend is
 * single-threaded in Node, so this is how a second core is used. Results come back in job order;
 * the first failure rejects (as its AppError when it was one) after the workers are stopped.
 */
export async function runJobsInWorkers(
  jobs: MlJob[],
  options: WorkerPoolOptions = {},
): Promise<MlJobResult[]> {
  const n = options.workers ?? availableParallelism();
  if (!Number.isInteger(n) || n < 1) throw badInput('workers', n, 'must be a positive integer');
  const backend = options.backend ?? 'auto';
  const results: MlJobResult[] = new Array(jobs.length);
  let next = 0;
  const pool = Array.from({ length: Math.min(n, jobs.length) }, startWorker);
  const runOn = (w: Worker): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const take = () => {
        if (next >= jobs.length) return resolve();
        const id = next++;
        w.postMessage({ id, job: jobs[id], backend });
      };
      w.on(
        'message',
        (msg: {
          id: number;
          epoch?: EpochMetrics;
          result?: MlJobResult;
          error?: { message: string; code?: string; field?: string };
        }) => {
          if (msg.epoch) return options.onEpoch?.(msg.id, msg.epoch);
          if (msg.error) {
            const code = (msg.error.code ?? AppErrorCode.INTERNAL) as AppErrorCode;
            return reject(
              new AppError(code, `job ${msg.id}: ${msg.error.message}`, { field: msg.error.field }),
            );
          }
          results[msg.id] = msg.result!;
          take();
        },
      );
      w.on('error', reject);
      take();
    });
  try {
    await Promise.all(pool.map(runOn));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

// Which tfjs backend a job thread of this runner would get, found in a short-lived worker thread (so
// the main thread does not load tfjs), and the policy for the `gpu` queue built on it.
import { Worker } from 'node:worker_threads';

import type { BackendChoice, BackendReport } from '@distillery/ml';

/** Initialise `backend` in a fresh worker thread, as a job thread does, and report what started. */
export function probeBackend(backend: BackendChoice): Promise<BackendReport> {
  const worker = new Worker(new URL('./backend-probe-thread.mjs', import.meta.url), {
    workerData: { backend },
    stdout: true,
    stderr: true,
  });
  return new Promise<BackendReport>((resolve, reject) => {
    worker.once('message', (m: { report?: BackendReport; error?: string }) => {
      if (m.report) resolve(m.report);
      else reject(new Error(m.error ?? 'the backend probe failed'));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backend probe exited with code ${code}`)));
  });
}

/**
 * Why a runner must not serve the `gpu` queue, or null when it may: jobs queued for a GPU would
 * otherwise train silently on the CPU. `allowCpu` (RUNNER_GPU_ALLOW_CPU) accepts that knowingly.
 */
export function gpuQueueRefusal(
  queues: readonly string[],
  report: BackendReport,
  allowCpu: boolean,
): string | null {
  if (!queues.includes('gpu') || report.usesGpu || allowCpu) return null;
  const skipped = report.skipped.length ? `; passed over: ${report.skipped.join('; ')}` : '';
  return (
    `refusing to serve the gpu queue: no GPU backend initialised (ML backend ${report.name} from ` +
    `${report.provider}${skipped}). Install @tensorflow/tfjs-node-gpu on a CUDA host, serve only ` +
    `--queues cpu, or set RUNNER_GPU_ALLOW_CPU=true to train gpu-queue jobs on the CPU.`
  );
}

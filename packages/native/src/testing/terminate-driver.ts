// Child-process fixture for worker-termination.test.ts: starts the stepping worker, terminates it while
// it is inside native steps, several times, and prints `survived` when the process is still alive.
import { Worker } from 'node:worker_threads';

const rounds = Number(process.argv[2] ?? 5);
for (let round = 0; round < rounds; round++) {
  const worker = new Worker(new URL('./boot-worker.mjs', import.meta.url), {
    workerData: { entry: new URL('./stepping-worker.ts', import.meta.url).href },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  await new Promise((r) => setTimeout(r, 20 + round * 15));
  await worker.terminate();
}
console.log('survived');

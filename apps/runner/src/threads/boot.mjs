// Worker threads do not inherit tsx's loader from the main thread; register it here. The thread then
// loads the job entry and the ML core and starts the tfjs backend before any job arrives (a warm
// thread, see job-thread-handle.ts), and runs the job named by the first message.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
let start;
parentPort.once('message', (m) => {
  if (m.type === 'start') start = m.start;
});
const entry = await import(workerData.entry);
const ml = await import('@distillery/ml');
// The runner's ML_BACKEND; the handler starts it again (a no-op then) and reports a failure.
await ml.initBackend({ backend: workerData.backend ?? 'auto' }).catch(() => undefined);
if (start) void entry.runJob(start);
else
  parentPort.once('message', (m) => {
    if (m.type === 'start') void entry.runJob(m.start);
  });

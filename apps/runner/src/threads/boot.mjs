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
await ml.initBackend({ backend: 'auto' }).catch(() => undefined); // the handler reports a failure
if (start) void entry.runJob(start);
else
  parentPort.once('message', (m) => {
    if (m.type === 'start') void entry.runJob(m.start);
  });

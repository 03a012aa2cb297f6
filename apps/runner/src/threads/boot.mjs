// Worker threads do not inherit tsx's loader from the main thread; register it here. The thread then
// loads the job entry and the ML core and runs the job named by the first message.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const entry = await import(workerData.entry);
await import('@distillery/ml');
parentPort.once('message', (m) => {
  if (m.type === 'start') void entry.runJob(m.start);
});

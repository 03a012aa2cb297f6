// Worker threads do not inherit tsx's loader from the main thread; register it here. The thread then
// loads the job entry, the ML core and the job handlers and starts the tfjs backend before any job arrives (a warm
// thread, see job-thread-handle.ts), and serves the jobs the main thread sends, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// A start message may arrive while the thread boots (a job took a thread still warming up), and so
// may a close (the runner stopped meanwhile).
let first;
let closing = false;
const early = (m) => {
  if (m.type === 'start') first = m.start;
  else if (m.type === 'close') closing = true;
};
parentPort.on('message', early);
const entry = await import(workerData.entry);
const ml = await import('@distillery/ml');
// The runner's ML_BACKEND; the handler starts it again (a no-op then) and reports a failure.
await ml.initBackend({ backend: workerData.backend ?? 'auto' }).catch(() => undefined);
// The job handlers' module graphs; one that fails to load fails its job, where the error is reported.
for (const url of workerData.handlers ?? []) await import(url).catch(() => undefined);
parentPort.off('message', early);
if (closing && !first) process.exit(0);
parentPort.postMessage({ type: 'warm' });
entry.serveJobs(first, closing);

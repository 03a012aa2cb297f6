// Worker thread of probeBackend: registers tsx (worker threads do not inherit the loader), starts the
// requested backend and posts its report.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { initBackend } = await import('@distillery/ml');
try {
  parentPort.postMessage({ report: await initBackend({ backend: workerData.backend }) });
} catch (e) {
  parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
}

// Worker-thread entry: receives {id, job, backend} messages, answers {id, result} or {id, error}.
import { isAppError } from '@distillery/errors';
import { parentPort } from 'node:worker_threads';
import { runJob, type MlJob } from './jobs.ts';
import type { BackendChoice } from '../backend/select-backend.ts';

const port = parentPort;
if (!port) throw new Error('worker-entry.ts must run in a worker thread');
port.on('message', (msg: { id: number; job: MlJob; backend: BackendChoice }) => {
  runJob(msg.job, msg.backend, (m) => port.postMessage({ id: msg.id, epoch: m }))
    .then((result) => port.postMessage({ id: msg.id, result }))
    .catch((e: unknown) => {
      const err = e as Error;
      port.postMessage({
        id: msg.id,
        error: { name: err.name, message: err.message, ...(isAppError(e) ? e.toJSON() : {}) },
      });
    });
});

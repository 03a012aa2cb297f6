export { enqueueJob, type EnqueueOptions } from './enqueue.ts';
export { installJobQueue } from './install.ts';

import { DEFAULT_QUEUE, trainBaselinePayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `train-baseline`. */
export const trainBaselineJob = defineJob({
  id: 'train-baseline',
  version: 1,
  payloadSchema: trainBaselinePayloadSchema,
  queue: DEFAULT_QUEUE['train-baseline'],
  execution: 'thread',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

import { DEFAULT_QUEUE, predictPayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `predict`. */
export const predictJob = defineJob({
  id: 'predict',
  version: 1,
  payloadSchema: predictPayloadSchema,
  queue: DEFAULT_QUEUE['predict'],
  execution: 'thread',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

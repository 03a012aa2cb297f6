import { DEFAULT_QUEUE, trainTeacherPayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `train-teacher`. */
export const trainTeacherJob = defineJob({
  id: 'train-teacher',
  version: 1,
  payloadSchema: trainTeacherPayloadSchema,
  queue: DEFAULT_QUEUE['train-teacher'],
  execution: 'thread',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

import { DEFAULT_QUEUE, distillStudentPayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `distill-student`. */
export const distillStudentJob = defineJob({
  id: 'distill-student',
  version: 1,
  payloadSchema: distillStudentPayloadSchema,
  queue: DEFAULT_QUEUE['distill-student'],
  execution: 'thread',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

import { DEFAULT_QUEUE, evaluateEnsemblePayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `evaluate-ensemble`. */
export const evaluateEnsembleJob = defineJob({
  id: 'evaluate-ensemble',
  version: 1,
  payloadSchema: evaluateEnsemblePayloadSchema,
  queue: DEFAULT_QUEUE['evaluate-ensemble'],
  execution: 'thread',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

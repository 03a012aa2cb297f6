import { DEFAULT_QUEUE, experimentPlanPayloadSchema } from '@distillery/domain';

import { defineJob } from '../define-job.ts';

/** Job definition of `experiment-plan`. */
export const experimentPlanJob = defineJob({
  id: 'experiment-plan',
  version: 1,
  payloadSchema: experimentPlanPayloadSchema,
  queue: DEFAULT_QUEUE['experiment-plan'],
  execution: 'inline',
  handlerUrl: new URL('./handler.ts', import.meta.url),
});

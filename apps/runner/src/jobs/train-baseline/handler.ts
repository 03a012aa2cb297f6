import { AppError, AppErrorCode } from '@distillery/errors';

import type { JobHandler } from '../context.ts';

/** Placeholder until the ML core's training API lands: the run fails with a clear reason. */
export const handle: JobHandler<unknown> = async () => {
  throw new AppError(AppErrorCode.INTERNAL, 'train-baseline is not available in this build of the runner yet');
};

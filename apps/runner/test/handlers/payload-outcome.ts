// A job handler for thread tests: it succeeds, or throws the untyped error its payload names.
import type { JobHandler } from '../../src/jobs/context.ts';

/** `{ fail: "message" }` throws a plain Error (an internal failure); anything else succeeds. */
export const handle: JobHandler<{ fail?: string }> = async (ctx, p) => {
  ctx.logger.info('test handler ran');
  if (p.fail) throw new Error(p.fail);
  return { summary: { ok: 1 } };
};

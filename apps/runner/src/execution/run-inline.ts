import type { PrismaClient } from '@distillery/db';

import type { JobDefinition } from '../jobs/define-job.ts';

/** A short scheduling step on the main thread; resolves true when the job is complete. */
export type InlineHandler<P> = (prisma: PrismaClient, payload: P) => Promise<boolean>;

/** Load and run an inline job's handler. */
export async function runInline(
  def: JobDefinition,
  prisma: PrismaClient,
  payload: unknown,
): Promise<boolean> {
  const mod = (await import(def.handlerUrl.href)) as { handleInline: InlineHandler<unknown> };
  return mod.handleInline(prisma, payload);
}

import type { LeaseKey } from '@distillery/db/lifecycle';
import { notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRunner } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';

/** A runner's name as it claims and writes: 1–200 characters. */
export const runnerIdSchema = z.string().trim().min(1).max(200);

/** The run a runner operation targets, after the role check (a RUNNER token of the run's project). */
export async function runnerRun(ctx: Context, runIdRaw: string, field = 'runId') {
  const id = parseId(field, runIdRaw);
  const run = await ctx.deps.prisma.run.findUnique({ where: { id }, select: { id: true, projectId: true } });
  if (!run) throw notFound('Run', id);
  requireRunner(ctx, run.projectId);
  return run;
}

/** The fence of a remote runner's write: the attempt and runner id it claimed with, and its token. */
export function leaseOf(
  ctx: Context,
  runId: string,
  attempt: number,
  runnerIdRaw: unknown,
  field = 'runnerId',
): LeaseKey {
  const runnerId = parseInput(runnerIdSchema, runnerIdRaw, field);
  return { runId, attempt, runnerId, tokenId: ctx.actor.tokenId };
}

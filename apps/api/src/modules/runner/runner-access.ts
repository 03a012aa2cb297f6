import type { LeaseKey } from '@distillery/db/lifecycle';
import { notFound } from '@distillery/errors';
import { z } from 'zod';

import type { Role } from '@distillery/db';

import { requireRunner, requireRunWriter } from '../auth/roles.ts';
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

/**
 * Who may write a run's metrics or console lines: the RUNNER token of its project, or a MEMBER (for a
 * script's run). One query for the run's project and the caller's role there (primes the role cache).
 */
export async function runWriterOf(ctx: Context, runId: string) {
  const found = await ctx.deps.pool.query<{ projectId: string; role: Role | null }>(
    `SELECT r."projectId", m.role FROM "Run" r LEFT JOIN "Membership" m ON m."projectId" = r."projectId" AND m."userId" = $2 WHERE r.id = $1`,
    [runId, ctx.actor.kind === 'USER' ? ctx.actor.userId : null],
  );
  const meta = found.rows[0];
  if (!meta) throw notFound('Run', runId);
  if (ctx.actor.kind === 'USER') ctx.roles.set(meta.projectId, meta.role);
  return { projectId: meta.projectId, writer: await requireRunWriter(ctx, meta.projectId) };
}

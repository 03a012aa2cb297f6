// Reading a run's console log: pages by seq for `Run.logs`, and the rows a notification refers to for
// `runLogAppended` when its lines did not fit in the NOTIFY payload.
import { MAX_LOG_PAGE, type LogLevel } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { pageSize } from '../../limits/paging.ts';

/** A console line as GraphQL returns it. */
export interface RunLogLineRow {
  seq: number;
  attempt: number;
  level: LogLevel;
  message: string;
  at: Date;
}

/** One page of the log with the run's counts. */
export interface RunLogPage {
  lines: RunLogLineRow[];
  total: number;
  dropped: number;
  truncated: number;
  hasBefore: boolean;
  hasAfter: boolean;
}

const SELECT = { seq: true, attempt: true, level: true, message: true, at: true } as const;

function cursor(field: string, v: number | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isInteger(v) || v < 0) throw badInput(field, v, 'must be a non-negative integer');
  return v;
}

/** A page of `run`'s console log (VIEWER): the tail, lines after `after`, or lines before `before`. */
export async function runLogs(
  ctx: Context,
  run: { id: string; projectId: string },
  args: { after?: number | null; before?: number | null; limit?: number | null },
): Promise<RunLogPage> {
  await requireRole(ctx, run.projectId, 'VIEWER');
  const limit = pageSize(args.limit ?? 200, 'limit', MAX_LOG_PAGE);
  const after = cursor('after', args.after);
  const before = cursor('before', args.before);
  if (after !== null && before !== null) throw badInput('before', before, 'pass either after or before');
  const lines =
    after !== null
      ? await ctx.deps.prisma.runLogLine.findMany({
          where: { runId: run.id, seq: { gt: after } },
          orderBy: { seq: 'asc' },
          take: limit,
          select: SELECT,
        })
      : (
          await ctx.deps.prisma.runLogLine.findMany({
            where: { runId: run.id, ...(before !== null ? { seq: { lt: before } } : {}) },
            orderBy: { seq: 'desc' },
            take: limit,
            select: SELECT,
          })
        ).reverse();
  const counts = await ctx.deps.prisma.runLog.findUnique({ where: { runId: run.id } });
  const total = counts?.lines ?? 0;
  const first = lines[0]?.seq ?? (after ?? 0) + 1;
  const last = lines.at(-1)?.seq ?? (before ?? total + 1) - 1;
  return {
    lines,
    total,
    dropped: counts?.dropped ?? 0,
    truncated: counts?.truncated ?? 0,
    hasBefore: total > 0 && first > 1,
    hasAfter: last < total,
  };
}

/** Lines `fromSeq`..`toSeq` of a run (a notification's range; at most one append batch). */
export function logRange(
  ctx: Context,
  runId: string,
  fromSeq: number,
  toSeq: number,
): Promise<RunLogLineRow[]> {
  return ctx.deps.prisma.runLogLine.findMany({
    where: { runId, seq: { gte: fromSeq, lte: toSeq } },
    orderBy: { seq: 'asc' },
    select: SELECT,
  });
}

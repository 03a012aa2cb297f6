import type { Topics } from '@distillery/domain';
import { notFound } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pushIterator } from '../../pubsub/iterator.ts';
import { logRange, type RunLogLineRow } from './read-run-logs.ts';

/** One message of runLogAppended. */
export interface RunLogBatch {
  runId: string;
  backfill: boolean;
  lines: RunLogLineRow[];
  dropped: number;
}

type Notice = Topics['distillery.run_logs_appended'];

const BACKFILL_CHUNK = 500;

// Every subscriber of a run gets the same notice object: its lines are decoded (or read) once.
const decoded = new WeakMap<Notice, Promise<RunLogLineRow[]>>();
function linesOf(ctx: Context, n: Notice): Promise<RunLogLineRow[]> {
  let p = decoded.get(n);
  if (!p) {
    p =
      n.toSeq < n.fromSeq
        ? Promise.resolve([])
        : n.lines
          ? Promise.resolve(
              n.lines.map(([seq, attempt, level, at, message]) => ({
                seq,
                attempt,
                level,
                message,
                at: new Date(at),
              })),
            )
          : logRange(ctx, n.runId, n.fromSeq, n.toSeq);
    decoded.set(n, p);
  }
  return p;
}

/**
 * New console lines of a run (VIEWER). With `afterSeq`, first sends what was written after it (in
 * chunks) while live batches are held back, then the held ones without what the backfill carried.
 */
export async function runLogAppended(
  ctx: Context,
  runIdRaw: string,
  afterSeq: number | null,
): Promise<AsyncIterableIterator<RunLogBatch>> {
  const runId = parseId('runId', runIdRaw);
  const run = await ctx.deps.prisma.run.findUnique({ where: { id: runId }, select: { projectId: true } });
  if (!run) throw notFound('Run', runId);
  await requireRole(ctx, run.projectId, 'VIEWER');
  const { iterator, push, fail } = pushIterator<RunLogBatch>(() => off());
  let seen = afterSeq ?? 0;
  let held: Notice[] | null = afterSeq === null ? null : [];
  // Notices are handled in arrival order (a read of referenced rows must not let a later batch pass).
  let chain = Promise.resolve();
  const deliver = (n: Notice): void => {
    chain = chain.then(async () => {
      const lines = (await linesOf(ctx, n)).filter((l) => l.seq > seen);
      seen = Math.max(seen, lines.at(-1)?.seq ?? seen);
      if (lines.length > 0 || n.dropped > 0) push({ runId, backfill: false, lines, dropped: n.dropped });
    }, fail);
  };
  const off = ctx.deps.pubsub.on('distillery.run_logs_appended', (n) => {
    if (n.runId !== runId) return;
    if (held) held.push(n);
    else deliver(n);
  });
  if (afterSeq !== null) {
    void (async () => {
      for (;;) {
        const rows = await ctx.deps.prisma.runLogLine.findMany({
          where: { runId, seq: { gt: seen } },
          orderBy: { seq: 'asc' },
          take: BACKFILL_CHUNK,
          select: { seq: true, attempt: true, level: true, message: true, at: true },
        });
        seen = rows.at(-1)?.seq ?? seen;
        if (rows.length > 0 || seen === afterSeq) push({ runId, backfill: true, lines: rows, dropped: 0 });
        if (rows.length < BACKFILL_CHUNK) break;
      }
      for (const n of held ?? []) deliver(n);
      held = null;
    })().catch(fail);
  }
  return iterator;
}

import { notFound } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pushIterator } from '../../pubsub/iterator.ts';
import type { LivePoint } from './metrics-hub.ts';

/** One message of metricsAppended. */
export interface MetricsBatch {
  runId: string;
  backfill: boolean;
  points: LivePoint[];
}

const BACKFILL_CHUNK = 10_000;

// One batch object per points array, shared by every subscriber that receives that array.
const batches = new WeakMap<LivePoint[], MetricsBatch>();
function liveBatch(runId: string, points: LivePoint[]): MetricsBatch {
  let b = batches.get(points);
  if (!b) batches.set(points, (b = { runId, backfill: false, points }));
  return b;
}

/**
 * New points of a run (VIEWER). With `sinceStep`, first sends what was logged after it (in chunks),
 * while live batches that arrive meanwhile are held back and then sent, so nothing falls in between.
 */
export async function metricsAppended(
  ctx: Context,
  runIdRaw: string,
  keys: string[] | null,
  sinceStep: number | null,
): Promise<AsyncIterableIterator<MetricsBatch>> {
  const runId = parseId('runId', runIdRaw);
  const run = await ctx.deps.prisma.run.findUnique({ where: { id: runId }, select: { projectId: true } });
  if (!run) throw notFound('Run', runId);
  await requireRole(ctx, run.projectId, 'VIEWER');
  const hub = ctx.deps.metrics;
  const { iterator, push, fail } = pushIterator<MetricsBatch>(() => off());
  let held: LivePoint[][] | null = sinceStep === null ? null : [];
  const off = hub.subscribe(runId, keys, (points) => {
    if (held) held.push(points);
    else push(liveBatch(runId, points));
  });
  if (sinceStep !== null) {
    hub.backfill(runId, keys, sinceStep).then(
      (points) => {
        for (let i = 0; i < points.length; i += BACKFILL_CHUNK)
          push({ runId, backfill: true, points: points.slice(i, i + BACKFILL_CHUNK) });
        if (points.length === 0) push({ runId, backfill: true, points: [] });
        const seen = new Set(points.map((p) => `${p.key}\u0000${p.step}`));
        for (const batch of held ?? []) {
          const fresh = batch.filter((p) => !seen.has(`${p.key}\u0000${p.step}`));
          if (fresh.length) push({ runId, backfill: false, points: fresh });
        }
        held = null;
      },
      (e: unknown) => fail(e),
    );
  }
  return iterator;
}

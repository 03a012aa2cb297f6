import { badInput, notFound } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId, parseIds } from '../../limits/ids.ts';
import { readSeries, type Series } from './series.ts';

/** Most series one compareRuns query returns. */
export const MAX_COMPARE_SERIES = 2000;

/** Downsampled series of one run's key (VIEWER). */
export async function metricSeries(
  ctx: Context,
  runIdRaw: string,
  key: string,
  buckets: number | null | undefined,
): Promise<Series> {
  const runId = parseId('runId', runIdRaw);
  if (key.length > 200) throw badInput('key', key, 'at most 200 characters');
  const run = (
    await ctx.deps.pool.query<{ projectId: string }>(`SELECT "projectId" FROM "Run" WHERE id = $1`, [runId])
  ).rows[0];
  if (!run) throw notFound('Run', runId);
  await requireRole(ctx, run.projectId, 'VIEWER');
  return readSeries(ctx.deps.pool, runId, key, buckets ?? 1000);
}

/** Series for runs × keys in one query, read four at a time; every run must be readable. */
export async function compareRuns(
  ctx: Context,
  idsRaw: readonly string[],
  keys: readonly string[],
  buckets: number | null | undefined,
): Promise<Series[]> {
  const ids = parseIds('ids', idsRaw, MAX_COMPARE_SERIES);
  const uniqueKeys = [...new Set(keys)];
  if (uniqueKeys.length === 0 || uniqueKeys.some((k) => k.length > 200))
    throw badInput('keys', keys, 'needs 1 or more keys of at most 200 characters');
  if (ids.length * uniqueKeys.length > MAX_COMPARE_SERIES)
    throw badInput('ids', ids, `at most ${MAX_COMPARE_SERIES} series (ids × keys) per query`);
  const runs = await ctx.deps.prisma.run.findMany({
    where: { id: { in: ids } },
    select: { id: true, projectId: true },
  });
  const found = new Set(runs.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw notFound('Run', missing);
  for (const projectId of new Set(runs.map((r) => r.projectId))) await requireRole(ctx, projectId, 'VIEWER');
  const jobs = ids.flatMap((id) => uniqueKeys.map((key) => ({ id, key })));
  const out: Series[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const j = jobs[i]!;
      out[i] = await readSeries(ctx.deps.pool, j.id, j.key, buckets ?? 500);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}

/** Distinct metric keys logged on a run (batched per page of runs; the run was read under the caller's role). */
export async function metricKeys(ctx: Context, runId: string): Promise<string[]> {
  return (await ctx.loaders.metricKeysOfRun.load(runId)).map((r) => r.key);
}

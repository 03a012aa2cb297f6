import { badInput, notFound } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId, parseIds } from '../../limits/ids.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../limits/paging.ts';
import type { LivePoint } from './metrics-hub.ts';
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
  if (key.length > 200) throw badInput('key', key, 'at most 200 characters');
  const runId = await readableRun(ctx, runIdRaw);
  return readSeries(ctx.deps.pool, runId, key, buckets ?? 1000);
}

/** The run's id once the caller may read it (VIEWER in its project). */
async function readableRun(ctx: Context, runIdRaw: string): Promise<string> {
  const runId = parseId('runId', runIdRaw);
  const run = (
    await ctx.deps.pool.query<{ projectId: string }>(`SELECT "projectId" FROM "Run" WHERE id = $1`, [runId])
  ).rows[0];
  if (!run) throw notFound('Run', runId);
  await requireRole(ctx, run.projectId, 'VIEWER');
  return runId;
}

/** Most points one metricPoints page returns. */
export const MAX_POINTS_PAGE = 10_000;

/**
 * Every point of a run, exact, by (key, step) — the primary key, so each page is an index range
 * scan after the cursor's position, however long the run (VIEWER).
 */
export async function metricPoints(
  ctx: Context,
  runIdRaw: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<{ points: LivePoint[]; endCursor: string | null }> {
  const runId = await readableRun(ctx, runIdRaw);
  const take = pageSize(first ?? 5000, 'first', MAX_POINTS_PAGE);
  // A key is up to 200 characters (metricPointSchema), so the cursor (key and step as JSON) is up to ~300.
  const position = after ? cursorPosition(decodeCursor('after', after, 400), after) : null;
  // Two statements, not `$2 IS NULL OR …`, so the row comparison stays an index condition.
  const rows = await ctx.deps.pool.query<LivePoint>(
    position
      ? `SELECT key, step, value, "wallTime" FROM "MetricPoint"
         WHERE "runId" = $1 AND ("runId", key, step) > ($1, $3, $4::int) ORDER BY key, step LIMIT $2`
      : `SELECT key, step, value, "wallTime" FROM "MetricPoint" WHERE "runId" = $1 ORDER BY key, step LIMIT $2`,
    position ? [runId, take + 1, position[0], position[1]] : [runId, take + 1],
  );
  const points = rows.rows.slice(0, take);
  const last = points.at(-1);
  return {
    points,
    endCursor: rows.rows.length > take && last ? encodeCursor(JSON.stringify([last.key, last.step])) : null,
  };
}

function cursorPosition(raw: string, cursor: string): [string, number] {
  const v: unknown = (() => {
    try {
      return JSON.parse(raw);
    } catch {
      return null;
    }
  })();
  if (!Array.isArray(v) || typeof v[0] !== 'string' || !Number.isInteger(v[1]))
    throw badInput('after', cursor, 'is not a cursor returned by this API');
  return [v[0], v[1] as number];
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

import { badInput } from '@distillery/errors';
import type pg from 'pg';

import { ROLLUP_SHIFTS } from '@distillery/db/metrics';

/** One downsampled bucket. */
export interface SeriesPoint {
  step: number;
  min: number;
  max: number;
  last: number;
  count: number;
}

/** A series of one run and key. */
export interface Series {
  runId: string;
  key: string;
  exact: boolean;
  totalPoints: number;
  points: SeriesPoint[];
}

/** Most buckets one series may ask for. */
export const MAX_BUCKETS = 5000;

interface Bucket {
  step: number;
  min: number;
  max: number;
  last: number;
  count: string | number;
}

const toPoint = (b: Bucket): SeriesPoint => ({
  step: b.step,
  min: b.min,
  max: b.max,
  last: b.last,
  count: Number(b.count),
});

/**
 * Downsample to at most `buckets` points, aligned buckets of width bw steps with min/max/last each.
 * Exact (every point) when the run has no more points than buckets. Wide buckets read the rollup
 * cells (2^shift steps) instead of the points; bw is rounded to a multiple of the cell width so every
 * cell falls inside exactly one bucket and the aggregates stay exact.
 */
export async function readSeries(
  pool: pg.Pool,
  runId: string,
  key: string,
  buckets: number,
): Promise<Series> {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS)
    throw badInput('buckets', buckets, `must be an integer from 1 to ${MAX_BUCKETS}`);
  const coarsest = ROLLUP_SHIFTS[ROLLUP_SHIFTS.length - 1];
  const stats = (
    await pool.query<{ lo: number | null; hi: number | null; n: string | null }>(
      `SELECT (SELECT step FROM "MetricPoint" WHERE "runId" = $1 AND key = $2 ORDER BY step ASC LIMIT 1) AS lo,
              (SELECT step FROM "MetricPoint" WHERE "runId" = $1 AND key = $2 ORDER BY step DESC LIMIT 1) AS hi,
              (SELECT sum(count) FROM "MetricRollup" WHERE "runId" = $1 AND key = $2 AND shift = $3) AS n`,
      [runId, key, coarsest],
    )
  ).rows[0];
  const total = Number(stats?.n ?? 0);
  if (!stats || stats.lo === null || stats.hi === null)
    return { runId, key, exact: true, totalPoints: 0, points: [] };
  if (total <= buckets) {
    const rows = await pool.query<{ step: number; value: number }>(
      `SELECT step, value FROM "MetricPoint" WHERE "runId" = $1 AND key = $2 ORDER BY step`,
      [runId, key],
    );
    return {
      runId,
      key,
      exact: true,
      totalPoints: rows.rows.length,
      points: rows.rows.map((r) => ({ step: r.step, min: r.value, max: r.value, last: r.value, count: 1 })),
    };
  }
  const span = stats.hi - stats.lo + 1;
  // ceil(span / (buckets - 1)) keeps floor(hi/bw) - floor(lo/bw) + 1 ≤ buckets for aligned buckets.
  let bw = buckets === 1 ? span + stats.lo : Math.ceil(span / (buckets - 1));
  const shift = [...ROLLUP_SHIFTS].reverse().find((s) => 2 ** s <= bw);
  if (shift !== undefined) {
    const cell = 2 ** shift;
    bw = Math.ceil(bw / cell) * cell;
    const rows = await pool.query<Bucket>(
      `SELECT max("lastStep") AS step, min("minValue") AS min, max("maxValue") AS max, (array_agg("lastValue" ORDER BY "lastStep" DESC))[1] AS last, sum(count) AS count
       FROM "MetricRollup" WHERE "runId" = $1 AND key = $2 AND shift = $3
       GROUP BY ((cell::bigint << $3) / $4) ORDER BY 1`,
      [runId, key, shift, bw],
    );
    return { runId, key, exact: false, totalPoints: total, points: rows.rows.map(toPoint) };
  }
  const rows = await pool.query<Bucket>(
    `SELECT max(step) AS step, min(value) AS min, max(value) AS max, (array_agg(value ORDER BY step DESC))[1] AS last, count(*) AS count
     FROM "MetricPoint" WHERE "runId" = $1 AND key = $2 GROUP BY step / $3 ORDER BY 1`,
    [runId, key, bw],
  );
  return { runId, key, exact: false, totalPoints: total, points: rows.rows.map(toPoint) };
}

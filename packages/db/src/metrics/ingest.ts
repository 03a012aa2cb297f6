// Metric ingestion shared by the API (`logMetrics`) and the runner's SQL sink: one statement upserts the
// points on (run, key, step) and folds the rows actually written into the MetricRollup cells that
// `metricSeries` reads; `metricsNotice` builds the NOTIFY payload for the batch. Fencing (which differs:
// the API checks status/attempt, the runner its lease) stays with the caller, in the same transaction.
import { MAX_STEP, NOTIFY_LIMIT, type MetricPoint, type Topics } from '@distillery/domain';

import type { Sql as IngestSql } from '../sql.ts';

// The SQL runners' home is ../sql.ts; re-exported so the ingest callers keep one import.
export { pgQuery, prismaQuery, type Sql as IngestSql } from '../sql.ts';

/** Rollup cell widths 2^shift maintained on ingest (see MetricRollup). */
export const ROLLUP_SHIFTS = [6, 9, 12] as const;

// One statement: upsert the points, then fold the rows actually written into the rollup cells.
// `xmax = 0` tells a fresh insert from an overwrite, so retried batches do not inflate counts.
// The finest cells are aggregated from the points, the coarser ones from the finest cells.
const [FINE, ...COARSE] = ROLLUP_SHIFTS;
const INGEST_SQL = `
WITH ins AS (
  INSERT INTO "MetricPoint" ("runId", key, step, value, "wallTime")
  SELECT $1::uuid, key, step, value, (wall AT TIME ZONE 'UTC')
  FROM unnest($2::text[], $3::int[], $4::float8[], $5::timestamptz[]) AS t(key, step, value, wall)
  ON CONFLICT ("runId", key, step) DO UPDATE SET value = EXCLUDED.value, "wallTime" = EXCLUDED."wallTime"
  RETURNING key, step, value, (xmax = 0) AS fresh
), fine AS (
  SELECT key, step >> ${FINE} AS cell, sum(fresh::int) AS n, min(value) AS lo, max(value) AS hi, max(step) AS ls, (array_agg(value ORDER BY step DESC))[1] AS lv
  FROM ins GROUP BY 1, 2
), cells AS (
  SELECT ${FINE} AS shift, key, cell, n, lo, hi, ls, lv FROM fine
  ${COARSE.map((s) => `UNION ALL SELECT ${s}, key, cell >> ${s - FINE}, sum(n), min(lo), max(hi), max(ls), (array_agg(lv ORDER BY ls DESC))[1] FROM fine GROUP BY key, cell >> ${s - FINE}`).join('\n  ')}
), roll AS (
  INSERT INTO "MetricRollup" ("runId", key, shift, cell, count, "minValue", "maxValue", "lastStep", "lastValue")
  SELECT $1::uuid, key, shift, cell, n, lo, hi, ls, lv FROM cells
  ON CONFLICT ("runId", key, shift, cell) DO UPDATE SET
    count = "MetricRollup".count + EXCLUDED.count,
    "minValue" = LEAST("MetricRollup"."minValue", EXCLUDED."minValue"),
    "maxValue" = GREATEST("MetricRollup"."maxValue", EXCLUDED."maxValue"),
    "lastValue" = CASE WHEN EXCLUDED."lastStep" >= "MetricRollup"."lastStep" THEN EXCLUDED."lastValue" ELSE "MetricRollup"."lastValue" END,
    "lastStep" = GREATEST("MetricRollup"."lastStep", EXCLUDED."lastStep")
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS written, (SELECT count(*) FROM roll)::int AS cells`;

/**
 * Upsert deduplicated `points` of run `runId` and maintain their rollup cells, in the caller's
 * transaction (after its fencing check). Returns how many points were written.
 */
export async function ingestMetricPoints(
  sql: IngestSql,
  runId: string,
  points: readonly MetricPoint[],
): Promise<number> {
  const rows = await sql<{ written: number }>(INGEST_SQL, [
    runId,
    points.map((p) => p.key),
    points.map((p) => p.step),
    points.map((p) => p.value),
    points.map((p) => new Date(p.wallTime).toISOString()),
  ]);
  return rows[0]?.written ?? 0;
}

/** The notification for a written batch: inline points when they fit, else the range to read. */
export function metricsNotice(
  projectId: string,
  runId: string,
  pts: readonly MetricPoint[],
): Topics['distillery.metrics_appended'] {
  let minStep = MAX_STEP;
  let maxStep = 0;
  const keys = new Set<string>();
  for (const p of pts) {
    if (p.step < minStep) minStep = p.step;
    if (p.step > maxStep) maxStep = p.step;
    keys.add(p.key);
  }
  const notice: Topics['distillery.metrics_appended'] = {
    projectId,
    runId,
    keys: [...keys],
    minStep,
    maxStep,
    count: pts.length,
  };
  if (pts.length <= 150) {
    const withPoints = {
      ...notice,
      points: pts.map((p) => [p.key, p.step, p.value, p.wallTime] as [string, number, number, number]),
    };
    if (Buffer.byteLength(JSON.stringify(withPoints)) < NOTIFY_LIMIT) return withPoints;
  }
  if (Buffer.byteLength(JSON.stringify(notice)) >= NOTIFY_LIMIT) notice.keys = [];
  return notice;
}

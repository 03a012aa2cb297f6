// The API's ingestion semantics without the HTTP hop: one statement upserts the points on
// (run, key, step), folds fresh rows into the MetricRollup cells `metricSeries` reads (same cell widths
// as apps/api/src/modules/metric/ingest.ts), and the NOTIFY that graphql-ws subscribers listen to goes
// out on commit. The lease is checked in the same transaction (FOR SHARE), so a fenced attempt writes
// nothing.
import type { PrismaClient } from '@distillery/db';

import { FencedError } from '../execution/lease.ts';
import { publish } from '../execution/notify.ts';
import type { MetricPoint, MetricSink } from './types.ts';

const ROLLUP_SHIFTS = [4, 8, 12];

/** Writes batches straight into PostgreSQL (used when the runner has no API token). */
export class SqlMetricSink implements MetricSink {
  constructor(private readonly prisma: PrismaClient) {}

  async write(
    lease: { runId: string; attempt: number; runnerId: string },
    points: MetricPoint[],
  ): Promise<void> {
    const pts = dedupe(points);
    if (pts.length === 0) return;
    await this.prisma.$transaction(async (tx) => {
      const held = await tx.$queryRaw<{ projectId: string }[]>`
        SELECT "projectId" FROM "Run" WHERE id = ${lease.runId}::uuid AND attempt = ${lease.attempt} AND "runnerId" = ${lease.runnerId} FOR SHARE`;
      const projectId = held[0]?.projectId;
      if (!projectId) throw new FencedError({ ...lease, projectId: '' });
      await tx.$queryRaw`
        WITH input AS (
          SELECT * FROM unnest(${pts.map((p) => p.key)}::text[], ${pts.map((p) => p.step)}::int[], ${pts.map((p) => p.value)}::float8[],
            ${pts.map((p) => new Date(p.wallTime).toISOString())}::text[]) AS t(key, step, value, wall)
        ), ins AS (
          INSERT INTO "MetricPoint" ("runId", key, step, value, "wallTime")
          SELECT ${lease.runId}::uuid, key, step, value, (wall::timestamptz AT TIME ZONE 'UTC') FROM input
          ON CONFLICT ("runId", key, step) DO UPDATE SET value = EXCLUDED.value, "wallTime" = EXCLUDED."wallTime"
          RETURNING key, step, value, (xmax = 0) AS fresh
        ), roll AS (
          INSERT INTO "MetricRollup" ("runId", key, shift, cell, count, "minValue", "maxValue", "lastStep", "lastValue")
          SELECT ${lease.runId}::uuid, key, s.shift, step >> s.shift, sum(fresh::int), min(value), max(value), max(step),
            (array_agg(value ORDER BY step DESC))[1]
          FROM ins CROSS JOIN unnest(${ROLLUP_SHIFTS}::int[]) AS s(shift)
          GROUP BY key, s.shift, step >> s.shift
          ON CONFLICT ("runId", key, shift, cell) DO UPDATE SET
            count = "MetricRollup".count + EXCLUDED.count,
            "minValue" = LEAST("MetricRollup"."minValue", EXCLUDED."minValue"),
            "maxValue" = GREATEST("MetricRollup"."maxValue", EXCLUDED."maxValue"),
            "lastValue" = CASE WHEN EXCLUDED."lastStep" >= "MetricRollup"."lastStep" THEN EXCLUDED."lastValue" ELSE "MetricRollup"."lastValue" END,
            "lastStep" = GREATEST("MetricRollup"."lastStep", EXCLUDED."lastStep")
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM ins)::int AS written, (SELECT count(*) FROM roll)::int AS cells`;
      const steps = pts.map((p) => p.step);
      await publish(tx, 'distillery.metrics_appended', {
        projectId,
        runId: lease.runId,
        keys: [...new Set(pts.map((p) => p.key))],
        minStep: Math.min(...steps),
        maxStep: Math.max(...steps),
        count: pts.length,
        ...(pts.length <= 150
          ? {
              points: pts.map(
                (p) => [p.key, p.step, p.value, p.wallTime] as [string, number, number, number],
              ),
            }
          : {}),
      });
    });
  }
}

// One statement cannot update the same row twice: keep the last point of a repeated (key, step), and
// drop non-finite values the API would refuse.
function dedupe(points: readonly MetricPoint[]): MetricPoint[] {
  const byKey = new Map<string, MetricPoint>();
  for (const p of points) if (Number.isFinite(p.value)) byKey.set(`${p.key}\u0000${p.step}`, p);
  return [...byKey.values()];
}

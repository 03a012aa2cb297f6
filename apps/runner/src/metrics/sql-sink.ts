// The API's ingestion semantics without the HTTP hop: `ingestMetricPoints` (@distillery/db/metrics, the
// same statement `logMetrics` runs) upserts the points on (run, key, step) and folds fresh rows into the
// MetricRollup cells `metricSeries` reads, and the NOTIFY that graphql-ws subscribers listen to goes out
// on commit. The lease is checked in the same transaction (FOR SHARE), so a fenced attempt writes
// nothing.
import type { PrismaClient } from '@distillery/db';
import { ingestMetricPoints, metricsNotice, prismaQuery } from '@distillery/db/metrics';

import { FencedError } from '../execution/lease.ts';
import { publish } from '../execution/notify.ts';
import type { MetricPoint, MetricSink } from './types.ts';

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
      await ingestMetricPoints(prismaQuery(tx), lease.runId, pts);
      await publish(tx, 'distillery.metrics_appended', metricsNotice(projectId, lease.runId, pts));
    });
  }
}

// One statement cannot update the same row twice: keep the last point of a repeated (key, step), and
// drop non-finite values the API would refuse.
function dedupe(points: readonly MetricPoint[]): MetricPoint[] {
  const byKey = new Map<string, MetricPoint>();
  for (const p of points) {
    if (Number.isFinite(p.value))
      byKey.set(`${p.key}\u0000${p.step}`, {
        key: p.key,
        step: p.step,
        value: p.value,
        wallTime: p.wallTime,
      });
  }
  return [...byKey.values()];
}

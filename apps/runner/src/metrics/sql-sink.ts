import type { PrismaClient } from '@distillery/db';

import { FencedError } from '../execution/lease.ts';
import type { MetricPoint, MetricSink } from './types.ts';

/**
 * Writes points with the ingestion path's semantics — one multi-row statement, idempotent on
 * (run, key, step) — fenced in the same statement: nothing is written unless the lease still holds.
 * Used when no API_URL is configured (tests of the runner alone, single-machine setups).
 */
export class SqlMetricSink implements MetricSink {
  constructor(private readonly prisma: PrismaClient) {}

  async write(lease: { runId: string; attempt: number; runnerId: string }, points: MetricPoint[]): Promise<void> {
    if (points.length === 0) return;
    const held = await this.prisma.$queryRaw<{ ok: boolean }[]>`
      WITH lease AS (
        SELECT id FROM "Run" WHERE id = ${lease.runId}::uuid AND attempt = ${lease.attempt} AND "runnerId" = ${lease.runnerId}
      ), ins AS (
        INSERT INTO "MetricPoint" ("runId", key, step, value, "wallTime")
        SELECT lease.id, p.key, p.step, p.value, p.wall::timestamptz AT TIME ZONE 'UTC'
        FROM lease, unnest(${points.map((p) => p.key)}::text[], ${points.map((p) => p.step)}::int[],
          ${points.map((p) => p.value)}::float8[], ${points.map((p) => new Date(p.wallTime).toISOString())}::text[])
          AS p(key, step, value, wall)
        ON CONFLICT ("runId", key, step) DO NOTHING
      )
      SELECT EXISTS (SELECT 1 FROM lease) AS ok`;
    if (!held[0]?.ok) throw new FencedError({ ...lease, projectId: '' });
  }
}

import type { Role } from '@distillery/db';
import { ingestMetricPoints, metricsNotice, pgQuery } from '@distillery/db/metrics';
import { MAX_STEP, METRIC_KEY, type MetricPoint } from '@distillery/domain';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';

import { appendAudit } from '../../audit/append.ts';
import type { Context } from '../../context.ts';
import { pgSql, withPgTransaction } from '../../db/sql.ts';
import { parseId } from '../../limits/ids.ts';
import { recordFailure, eventOf, type AuditScope } from '../audit/audited.ts';
import { requireRunWriter } from '../../auth/roles.ts';

/** Most points one logMetrics call accepts. */
export const MAX_POINTS_PER_CALL = 10_000;
/** Rollup cell widths and the batch notification are shared with the runner's SQL sink. */
export { ROLLUP_SHIFTS, metricsNotice } from '@distillery/db/metrics';

/** One point as GraphQL delivers it. */
export interface PointInput {
  key: string;
  step: number;
  value: number;
  wallTime?: Date | string | null;
}

/** Validate and deduplicate a batch (the last point of a repeated (key, step) wins). */
export function normalisePoints(points: readonly PointInput[]): MetricPoint[] {
  if (points.length === 0) throw badInput('points', points, 'needs at least one point');
  if (points.length > MAX_POINTS_PER_CALL)
    throw badInput('points', points, `at most ${MAX_POINTS_PER_CALL} points per call`);
  const now = Date.now();
  const byKey = new Map<string, MetricPoint>();
  points.forEach((p, i) => {
    if (!METRIC_KEY.test(p.key))
      throw badInput(`points[${i}].key`, p.key, 'must be 1–200 characters without control characters');
    if (!Number.isInteger(p.step) || p.step < 0 || p.step > MAX_STEP)
      throw badInput(`points[${i}].step`, p.step, 'must be an integer from 0 to 2147483647');
    if (!Number.isFinite(p.value)) throw badInput(`points[${i}].value`, p.value, 'must be finite');
    const wall = p.wallTime ? new Date(p.wallTime).getTime() : now;
    if (!Number.isFinite(wall)) throw badInput(`points[${i}].wallTime`, p.wallTime, 'must be a valid time');
    byKey.set(`${p.key}\u0000${p.step}`, { key: p.key, step: p.step, value: p.value, wallTime: wall });
  });
  return [...byKey.values()];
}

/**
 * Append points in one transaction on one connection: fencing check (FOR SHARE, so a concurrent claim
 * waits), one upsert statement, the audit event, one NOTIFY delivered on commit.
 */
export async function logMetrics(
  ctx: Context,
  runIdRaw: string,
  points: readonly PointInput[],
  attempt: number | null | undefined,
) {
  const runId = parseId('runId', runIdRaw);
  // One query for the run's project and the caller's role there (primes the per-request role cache).
  const found = await ctx.deps.pool.query<{ projectId: string; role: Role | null }>(
    `SELECT r."projectId", m.role FROM "Run" r LEFT JOIN "Membership" m ON m."projectId" = r."projectId" AND m."userId" = $2 WHERE r.id = $1`,
    [runId, ctx.actor.kind === 'USER' ? ctx.actor.userId : null],
  );
  const meta = found.rows[0];
  if (!meta) throw notFound('Run', runId);
  if (ctx.actor.kind === 'USER') ctx.roles.set(meta.projectId, meta.role);
  const writer = await requireRunWriter(ctx, meta.projectId);
  const keys = [...new Set(points.slice(0, 1000).map((p) => p.key))].slice(0, 20);
  const spec = {
    operation: 'logMetrics',
    targetType: 'Run',
    args: { runId, points: points.length, keys, attempt: attempt ?? null },
  };
  const scope: AuditScope = { projectId: meta.projectId, targetId: runId };
  try {
    const pts = normalisePoints(points);
    if (writer === 'RUNNER' && (attempt === null || attempt === undefined))
      throw badInput('attempt', attempt, 'runner writes must carry the attempt returned by claimRun');
    return await withPgTransaction(ctx.deps.pool, async (client) => {
      const run = (
        await client.query<{ status: string; attempt: number; deletedAt: Date | null }>(
          `SELECT status, attempt, "deletedAt" FROM "Run" WHERE id = $1 FOR SHARE`,
          [runId],
        )
      ).rows[0];
      if (!run) throw notFound('Run', runId);
      if (run.deletedAt)
        throw new AppError(AppErrorCode.CONFLICT, `run ${runId} is deleted`, { field: 'runId' });
      if (attempt !== null && attempt !== undefined && attempt !== run.attempt) {
        throw new AppError(
          AppErrorCode.CONFLICT,
          `attempt: ${attempt} is stale; the run is at attempt ${run.attempt} (another runner claimed it)`,
          { field: 'attempt' },
        );
      }
      if (writer === 'RUNNER' && run.status !== 'RUNNING')
        throw new AppError(AppErrorCode.CONFLICT, `run ${runId} is ${run.status}, not RUNNING`, {
          field: 'runId',
        });
      const written = await ingestMetricPoints(pgQuery(client), runId, pts);
      const sql = pgSql(client);
      await appendAudit(sql, eventOf(ctx, spec, scope, 'SUCCESS', null));
      await ctx.deps.pubsub.publish(
        sql,
        'distillery.metrics_appended',
        metricsNotice(meta.projectId, runId, pts),
      );
      return { accepted: written, maxStep: pts.reduce((m, p) => Math.max(m, p.step), 0) };
    });
  } catch (e) {
    await recordFailure(ctx, spec, scope, e);
    throw e;
  }
}

import type { Role } from '@distillery/db';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';

import { appendAudit } from '../../audit/append.ts';
import type { Context } from '../../context.ts';
import { pgSql, withPgTransaction } from '../../db/sql.ts';
import { parseId } from '../../limits/ids.ts';
import { recordFailure, eventOf, type AuditScope } from '../audit/audited.ts';
import { requireRunWriter } from '../../auth/roles.ts';
import { NOTIFY_LIMIT, type Topics } from '../../pubsub/topics.ts';

/** Most points one logMetrics call accepts. */
export const MAX_POINTS_PER_CALL = 10_000;
const MAX_STEP = 2_147_483_647;
const KEY = /^[^\u0000-\u001f]{1,200}$/;
/** Rollup cell widths 2^shift maintained on ingest (see MetricRollup). */
export const ROLLUP_SHIFTS = [6, 9, 12] as const;

/** One point as GraphQL delivers it. */
export interface PointInput {
  key: string;
  step: number;
  value: number;
  wallTime?: Date | string | null;
}

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
  ${COARSE.map((s) => `UNION ALL SELECT ${s}, key, cell >> ${s - FINE!}, sum(n), min(lo), max(hi), max(ls), (array_agg(lv ORDER BY ls DESC))[1] FROM fine GROUP BY key, cell >> ${s - FINE!}`).join('\n  ')}
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

/** Validate and deduplicate a batch (the last point of a repeated (key, step) wins). */
export function normalisePoints(points: readonly PointInput[]) {
  if (points.length === 0) throw badInput('points', points, 'needs at least one point');
  if (points.length > MAX_POINTS_PER_CALL) throw badInput('points', points, `at most ${MAX_POINTS_PER_CALL} points per call`);
  const now = Date.now();
  const byKey = new Map<string, { key: string; step: number; value: number; wall: number }>();
  points.forEach((p, i) => {
    if (!KEY.test(p.key)) throw badInput(`points[${i}].key`, p.key, 'must be 1–200 characters without control characters');
    if (!Number.isInteger(p.step) || p.step < 0 || p.step > MAX_STEP) throw badInput(`points[${i}].step`, p.step, 'must be an integer from 0 to 2147483647');
    if (!Number.isFinite(p.value)) throw badInput(`points[${i}].value`, p.value, 'must be finite');
    const wall = p.wallTime ? new Date(p.wallTime).getTime() : now;
    if (!Number.isFinite(wall)) throw badInput(`points[${i}].wallTime`, p.wallTime, 'must be a valid time');
    byKey.set(`${p.key}\u0000${p.step}`, { key: p.key, step: p.step, value: p.value, wall });
  });
  return [...byKey.values()];
}

/** The notification for a written batch: inline points when they fit, else the range to read. */
export function metricsNotice(projectId: string, runId: string, pts: ReturnType<typeof normalisePoints>): Topics['distillery.metrics_appended'] {
  let minStep = MAX_STEP;
  let maxStep = 0;
  const keys = new Set<string>();
  for (const p of pts) {
    if (p.step < minStep) minStep = p.step;
    if (p.step > maxStep) maxStep = p.step;
    keys.add(p.key);
  }
  const notice: Topics['distillery.metrics_appended'] = { projectId, runId, keys: [...keys], minStep, maxStep, count: pts.length };
  if (pts.length <= 150) {
    const withPoints = { ...notice, points: pts.map((p) => [p.key, p.step, p.value, p.wall] as [string, number, number, number]) };
    if (Buffer.byteLength(JSON.stringify(withPoints)) < NOTIFY_LIMIT) return withPoints;
  }
  if (Buffer.byteLength(JSON.stringify(notice)) >= NOTIFY_LIMIT) notice.keys = [];
  return notice;
}

/**
 * Append points in one transaction on one connection: fencing check (FOR SHARE, so a concurrent claim
 * waits), one upsert statement, the audit event, one NOTIFY delivered on commit.
 */
export async function logMetrics(ctx: Context, runIdRaw: string, points: readonly PointInput[], attempt: number | null | undefined) {
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
  const spec = { operation: 'logMetrics', targetType: 'Run', args: { runId, points: points.length, keys, attempt: attempt ?? null } };
  const scope: AuditScope = { projectId: meta.projectId, targetId: runId };
  try {
    const pts = normalisePoints(points);
    if (writer === 'RUNNER' && (attempt === null || attempt === undefined)) throw badInput('attempt', attempt, 'runner writes must carry the attempt returned by claimRun');
    return await withPgTransaction(ctx.deps.pool, async (client) => {
      const run = (await client.query<{ status: string; attempt: number; deletedAt: Date | null }>(`SELECT status, attempt, "deletedAt" FROM "Run" WHERE id = $1 FOR SHARE`, [runId])).rows[0];
      if (!run) throw notFound('Run', runId);
      if (run.deletedAt) throw new AppError(AppErrorCode.CONFLICT, `run ${runId} is deleted`, { field: 'runId' });
      if (attempt !== null && attempt !== undefined && attempt !== run.attempt) {
        throw new AppError(AppErrorCode.CONFLICT, `attempt: ${attempt} is stale; the run is at attempt ${run.attempt} (another runner claimed it)`, { field: 'attempt' });
      }
      if (writer === 'RUNNER' && run.status !== 'RUNNING') throw new AppError(AppErrorCode.CONFLICT, `run ${runId} is ${run.status}, not RUNNING`, { field: 'runId' });
      const res = await client.query<{ written: number }>(INGEST_SQL, [
        runId, pts.map((p) => p.key), pts.map((p) => p.step), pts.map((p) => p.value), pts.map((p) => new Date(p.wall).toISOString()),
      ]);
      const sql = pgSql(client);
      await appendAudit(sql, eventOf(ctx, spec, scope, 'SUCCESS', null));
      await ctx.deps.pubsub.publish(sql, 'distillery.metrics_appended', metricsNotice(meta.projectId, runId, pts));
      return { accepted: res.rows[0]?.written ?? 0, maxStep: pts.reduce((m, p) => Math.max(m, p.step), 0) };
    });
  } catch (e) {
    await recordFailure(ctx, spec, scope, e);
    throw e;
  }
}

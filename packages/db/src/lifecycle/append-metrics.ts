// Metric ingestion, one validation and one fence for every writer: the runner's batches (its lease),
// a remote runner's `logMetrics` (lease + RUNNER token) and a script's `logMetrics` on its own run. A
// bad point (non-finite value, bad key or step) refuses the whole batch with BAD_USER_INPUT and
// nothing is written; a writer that does not hold the run gets CONFLICT and nothing is written.
import { MAX_STEP, METRIC_KEY, type MetricPoint } from '@distillery/domain';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';

import { ingestMetricPoints, metricsNotice } from '../metrics/ingest.ts';
import type { Sql } from '../sql.ts';
import { lockLease, type LeaseKey } from './lease.ts';
import { notify } from './notify.ts';

/** Most points one batch may carry (logMetrics' cap; the runner's batcher sends at most this many). */
export const MAX_POINTS_PER_BATCH = 10_000;

/** One point as a writer hands it over (GraphQL gives wallTime as a Date or string, the runner as ms). */
export interface PointInput {
  key: string;
  step: number;
  value: number;
  wallTime?: Date | string | number | null | undefined;
}

/** Check one point; `field` names it in the error (e.g. `points[3]`). Returns it with wallTime in ms. */
export function checkMetricPoint(p: PointInput, field = 'point', now = Date.now()): MetricPoint {
  if (typeof p.key !== 'string' || !METRIC_KEY.test(p.key))
    throw badInput(`${field}.key`, p.key, 'must be 1–200 characters without control characters');
  if (!Number.isInteger(p.step) || p.step < 0 || p.step > MAX_STEP)
    throw badInput(`${field}.step`, p.step, 'must be an integer from 0 to 2147483647');
  if (typeof p.value !== 'number' || !Number.isFinite(p.value))
    throw badInput(`${field}.value`, p.value, 'must be finite');
  const wall = p.wallTime === null || p.wallTime === undefined ? now : new Date(p.wallTime).getTime();
  if (!Number.isFinite(wall)) throw badInput(`${field}.wallTime`, p.wallTime, 'must be a valid time');
  return { key: p.key, step: p.step, value: p.value, wallTime: wall };
}

/** Validate and deduplicate a batch (the last point of a repeated (key, step) wins). */
export function normaliseMetricPoints(points: readonly PointInput[]): MetricPoint[] {
  if (points.length === 0) throw badInput('points', points, 'needs at least one point');
  if (points.length > MAX_POINTS_PER_BATCH)
    throw badInput('points', points, `at most ${MAX_POINTS_PER_BATCH} points per call`);
  const now = Date.now();
  const byKey = new Map<string, MetricPoint>();
  points.forEach((p, i) => {
    const point = checkMetricPoint(p, `points[${i}]`, now);
    byKey.set(`${point.key}\u0000${point.step}`, point);
  });
  return [...byKey.values()];
}

/** Who writes: the attempt holding the run, or a script on its own run (createRun: no runner, attempt 0). */
export type MetricWriter = { lease: LeaseKey } | { script: { runId: string } };

/** What a batch wrote. */
export interface Appended {
  projectId: string;
  accepted: number;
  maxStep: number;
}

/**
 * Validate `points`, check the writer still holds the run (locked FOR SHARE, so a concurrent claim
 * waits), upsert them with their rollup cells, and NOTIFY on commit; all in the transaction `sql` runs in.
 */
export async function appendMetrics(
  sql: Sql,
  writer: MetricWriter,
  points: readonly PointInput[],
): Promise<Appended> {
  const pts = normaliseMetricPoints(points);
  const runId = 'lease' in writer ? writer.lease.runId : writer.script.runId;
  const projectId =
    'lease' in writer ? (await lockLease(sql, writer.lease)).projectId : await lockScriptRun(sql, runId);
  const accepted = await ingestMetricPoints(sql, runId, pts);
  await notify(sql, 'distillery.metrics_appended', metricsNotice(projectId, runId, pts));
  return { projectId, accepted, maxStep: pts.reduce((m, p) => Math.max(m, p.step), 0) };
}

/**
 * Lock a script's own run for a write: it must be RUNNING and not a runner's (a member must not rewrite
 * a finished teacher's val_accuracy). Returns the run's project.
 */
export async function lockScriptRun(sql: Sql, runId: string): Promise<string> {
  const run = (
    await sql<{ projectId: string; writable: boolean }>(
      `SELECT "projectId", (status = 'RUNNING' AND attempt = 0 AND "runnerId" IS NULL AND "deletedAt" IS NULL) AS writable
       FROM "Run" WHERE id = $1::uuid FOR SHARE`,
      [runId],
    )
  )[0];
  if (!run)
    throw new AppError(AppErrorCode.NOT_FOUND, `Run ${runId} was not found`, {
      field: 'runId',
      value: runId,
    });
  if (!run.writable)
    throw new AppError(
      AppErrorCode.CONFLICT,
      `run ${runId} is not a running script run: metrics of finished runs and of runs a runner executes cannot be written with a user's credentials`,
      { field: 'runId' },
    );
  return run.projectId;
}

// logMetrics: a remote runner's or a script's batch through the shared lifecycle's `appendMetrics` (the
// call the in-process runner makes): one validation, the fence, the upsert with rollups and the NOTIFY,
// with the audit event, in one transaction on one pooled connection (the hot ingestion path).
import { appendMetrics, type MetricWriter, type PointInput } from '@distillery/db/lifecycle';
import { pgQuery } from '@distillery/db/metrics';
import { badInput } from '@distillery/errors';

import { appendAudit } from '@distillery/db/audit';
import type { Context } from '../../context.ts';
import { pgQuery as pgSql, withPgTransaction } from '@distillery/db';
import { parseId } from '../../limits/ids.ts';
import { recordFailure, eventOf, type AuditScope } from '../audit/audited.ts';
import { leaseOf, runWriterOf } from '../runner/runner-access.ts';

/** Most points one logMetrics call accepts (the lifecycle's batch cap). */
export { MAX_POINTS_PER_BATCH as MAX_POINTS_PER_CALL } from '@distillery/db/lifecycle';

/**
 * Append points (MEMBER on a script's running run, or the RUNNER token holding the run, which must
 * pass the attempt and runner id it claimed with). Bad points or a writer that does not hold the run
 * write nothing.
 */
export async function logMetrics(
  ctx: Context,
  runIdRaw: string,
  points: readonly PointInput[],
  attempt: number | null | undefined,
  runnerId: string | null | undefined,
) {
  const runId = parseId('runId', runIdRaw);
  const { projectId, writer } = await runWriterOf(ctx, runId);
  const keys = [...new Set(points.slice(0, 1000).map((p) => p.key))].slice(0, 20);
  const spec = {
    operation: 'logMetrics',
    targetType: 'Run',
    args: { runId, points: points.length, keys, attempt: attempt ?? null, runnerId: runnerId ?? null },
  };
  const scope: AuditScope = { projectId: projectId, targetId: runId };
  try {
    let by: MetricWriter = { script: { runId } };
    if (writer === 'RUNNER') {
      if (attempt === null || attempt === undefined)
        throw badInput('attempt', attempt, 'runner writes must carry the attempt returned by claimRun');
      by = { lease: leaseOf(ctx, runId, attempt, runnerId) };
    }
    return await withPgTransaction(ctx.deps.pool, async (client) => {
      const written = await appendMetrics(pgQuery(client), by, points);
      await appendAudit(pgSql(client), eventOf(ctx, spec, scope, 'SUCCESS', null));
      return { accepted: written.accepted, maxStep: written.maxStep };
    });
  } catch (e) {
    await recordFailure(ctx, spec, scope, e);
    throw e;
  }
}

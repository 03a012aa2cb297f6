// appendRunLogs: a remote runner's or a script's console lines through the shared lifecycle's
// `appendRunLogs` (the call the in-process runner makes): one validation, the fence, the line cap and
// the NOTIFY, with the audit event, in one transaction.
import { pgQuery, withPgTransaction, type Role } from '@distillery/db';
import { appendRunLogs as append, type LogLineInput, type MetricWriter } from '@distillery/db/lifecycle';
import { badInput, notFound } from '@distillery/errors';

import { appendAudit } from '../audit/append.ts';
import { eventOf, recordFailure, type AuditScope } from '../audit/audited.ts';
import { requireRunWriter } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { leaseOf } from '../runner/runner-access.ts';

/**
 * Append console lines (the RUNNER token holding the run, with its attempt and runner id, or a MEMBER
 * on a script's running run). Refused lines or a writer that does not hold the run write nothing.
 */
export async function appendRunLogs(
  ctx: Context,
  a: {
    runId: string;
    lines: readonly LogLineInput[];
    dropped?: number | null;
    attempt?: number | null;
    runnerId?: string | null;
  },
) {
  const runId = parseId('runId', a.runId);
  const found = await ctx.deps.pool.query<{ projectId: string; role: Role | null }>(
    `SELECT r."projectId", m.role FROM "Run" r LEFT JOIN "Membership" m ON m."projectId" = r."projectId" AND m."userId" = $2 WHERE r.id = $1`,
    [runId, ctx.actor.kind === 'USER' ? ctx.actor.userId : null],
  );
  const meta = found.rows[0];
  if (!meta) throw notFound('Run', runId);
  if (ctx.actor.kind === 'USER') ctx.roles.set(meta.projectId, meta.role);
  const writer = await requireRunWriter(ctx, meta.projectId);
  const spec = {
    operation: 'appendRunLogs',
    targetType: 'Run',
    args: { runId, lines: a.lines.length, attempt: a.attempt ?? null, runnerId: a.runnerId ?? null },
  };
  const scope: AuditScope = { projectId: meta.projectId, targetId: runId };
  try {
    let by: MetricWriter = { script: { runId } };
    if (writer === 'RUNNER') {
      if (a.attempt === null || a.attempt === undefined)
        throw badInput('attempt', a.attempt, 'runner writes must carry the attempt returned by claimRun');
      by = { lease: leaseOf(ctx, runId, a.attempt, a.runnerId) };
    }
    return await withPgTransaction(ctx.deps.pool, async (client) => {
      const written = await append(pgQuery(client), by, a.lines, a.dropped ?? 0);
      await appendAudit(pgQuery(client), eventOf(ctx, spec, scope, 'SUCCESS', null));
      return {
        accepted: written.accepted,
        dropped: written.dropped,
        truncated: written.truncated,
        lastSeq: written.accepted > 0 ? written.toSeq : 0,
      };
    });
  } catch (e) {
    await recordFailure(ctx, spec, scope, e);
    throw e;
  }
}

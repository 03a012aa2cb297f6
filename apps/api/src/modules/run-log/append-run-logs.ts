// appendRunLogs: a remote runner's or a script's console lines through the shared lifecycle's
// `appendRunLogs` (the call the in-process runner makes): one validation, the fence, the line cap and
// the NOTIFY, with the audit event, in one transaction.
import { pgQuery, withPgTransaction } from '@distillery/db';
import { appendRunLogs as append, type LogLineInput, type MetricWriter } from '@distillery/db/lifecycle';
import { badInput } from '@distillery/errors';

import { appendAudit } from '@distillery/db/audit';
import { eventOf, recordFailure, type AuditScope } from '../audit/audited.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { leaseOf, runWriterOf } from '../runner/runner-access.ts';

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
  const { projectId, writer } = await runWriterOf(ctx, runId);
  const spec = {
    operation: 'appendRunLogs',
    targetType: 'Run',
    args: { runId, lines: a.lines.length, attempt: a.attempt ?? null, runnerId: a.runnerId ?? null },
  };
  const scope: AuditScope = { projectId: projectId, targetId: runId };
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

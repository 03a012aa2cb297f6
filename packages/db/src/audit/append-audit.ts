import type { Sql } from '../sql.ts';
import { chainHash, GENESIS_HASH, type ChainedEvent } from './canonical.ts';

/** An event to append; seq, time and hashes are assigned here. */
export type NewAuditEvent = Omit<ChainedEvent, 'seq' | 'at'>;

/**
 * Append one event to its project's chain inside the caller's transaction. A transaction-scoped
 * advisory lock per chain serialises writers, so seq is gap-free and prevHash is the true head.
 */
export async function appendAudit(sql: Sql, event: NewAuditEvent): Promise<{ seq: number; hash: string }> {
  const chain = `audit:${event.projectId ?? 'site'}`;
  await sql(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))`, [chain]);
  const head = event.projectId
    ? await sql<{ seq: number; hash: string }>(
        `SELECT seq, hash FROM "AuditEvent" WHERE "projectId" = $1::uuid ORDER BY seq DESC LIMIT 1`,
        [event.projectId],
      )
    : await sql<{ seq: number; hash: string }>(
        `SELECT seq, hash FROM "AuditEvent" WHERE "projectId" IS NULL ORDER BY seq DESC LIMIT 1`,
      );
  const seq = (head[0]?.seq ?? 0) + 1;
  const prevHash = head[0]?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  const full: ChainedEvent = { ...event, seq, at };
  const hash = chainHash(prevHash, full);
  await sql(
    `INSERT INTO "AuditEvent" ("projectId", seq, "actorId", "actorKind", operation, "targetType", "targetId", args, outcome, "errorCode", at, "prevHash", hash)
     VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8::jsonb, $9::"AuditOutcome", $10, ($11::timestamptz AT TIME ZONE 'UTC'), $12, $13)`,
    [
      event.projectId,
      seq,
      event.actorId,
      event.actorKind,
      event.operation,
      event.targetType,
      event.targetId,
      JSON.stringify(event.args),
      event.outcome,
      event.errorCode,
      at,
      prevHash,
      hash,
    ],
  );
  return { seq, hash };
}

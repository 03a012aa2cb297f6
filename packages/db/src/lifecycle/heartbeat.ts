import { prismaQuery } from '../sql.ts';
import { HELD, UTC_NOW, type Db, type LeaseKey } from './lease.ts';

/** Why a heartbeat did not renew the lease. */
export type HeartbeatOutcome = 'ok' | 'cancelled' | 'fenced';

/** Renew the lease of a RUNNING run; reports a cancellation (still held, status CANCELLED) or its loss. */
export async function heartbeat(db: Db, lease: LeaseKey): Promise<HeartbeatOutcome> {
  const sql = prismaQuery(db);
  const rows = await sql<{ status: string }>(
    `WITH held AS (
       SELECT id, status FROM "Run" WHERE ${HELD}
     ), renewed AS (
       UPDATE "Run" r SET "heartbeatAt" = ${UTC_NOW} FROM held WHERE r.id = held.id AND held.status = 'RUNNING'
       RETURNING r.id
     )
     SELECT held.status::text AS status FROM held`,
    [lease.runId, lease.attempt, lease.runnerId, lease.tokenId ?? null],
  );
  const status = rows[0]?.status;
  return status === 'RUNNING' ? 'ok' : status === 'CANCELLED' ? 'cancelled' : 'fenced';
}

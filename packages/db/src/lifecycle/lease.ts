// The run record as a lease. A runner owns a run while `runnerId` (and, for a runner that claimed it
// through the API, `runnerTokenId`) names it and `attempt` is the one it claimed; every write it makes is
// conditioned on all of them (fencing), so a runner that was declared dead and comes back, or another
// token that guessed the attempt, finds its writes refused. Timestamps are UTC because the columns are
// `timestamp(3)` without time zone and Prisma writes UTC.
import { AppError, AppErrorCode } from '@distillery/errors';

import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { prismaQuery, type Sql } from '../sql.ts';

/** The fencing token carried by every write of an attempt. */
export interface LeaseKey {
  runId: string;
  attempt: number;
  runnerId: string;
  /** The RUNNER token that claimed the run through the API; null for a runner on the database. */
  tokenId?: string | null | undefined;
}

/** Who holds a run, as a claim returns it. */
export interface Lease extends LeaseKey {
  projectId: string;
}

/** A Prisma client or one of its transactions: lifecycle steps join the caller's transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** How long a RUNNING run's heartbeat stays live when nobody says otherwise (RUNNER_STALE_MS). */
export const DEFAULT_STALE_MS = 20_000;

// Prisma keeps DateTime columns as UTC timestamps without a zone.
export const UTC_NOW = `timezone('UTC', now())`;

/**
 * Refused because this attempt no longer holds the run (another attempt claimed it, the reaper took it,
 * it ended, or it was never this caller's). The message names nothing the caller did not send.
 */
export class FencedError extends AppError {
  constructor(readonly runId: string) {
    super(AppErrorCode.CONFLICT, `run ${runId}: this attempt does not hold the run`, { field: 'attempt' });
  }
}

/** Run `fn` in `db`'s transaction, opening one when `db` is the client itself. */
export function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return '$transaction' in db ? db.$transaction(fn) : fn(db);
}

// The lease holds (parameters $1 run, $2 attempt, $3 runnerId, $4 token) while the fence matches, the run is not deleted and a heartbeat is recorded (finishing,
// handing back and reaping clear it); a CANCELLED run is still held until its runner records the stop.
export const HELD = `id = $1::uuid AND attempt = $2 AND "runnerId" = $3 AND "runnerTokenId" IS NOT DISTINCT FROM $4::uuid
  AND "deletedAt" IS NULL AND "heartbeatAt" IS NOT NULL AND status IN ('RUNNING', 'CANCELLED')`;

/** What a held run looks like to the step that locked it. */
export interface HeldRun {
  projectId: string;
  kind: string;
  status: 'RUNNING' | 'CANCELLED';
}

/**
 * Lock the run (FOR SHARE, or FOR UPDATE before changing it) if `lease` still holds it, so no reaper or
 * claim changes hands between the check and the write. Throws FencedError otherwise.
 */
export async function lockLease(
  sql: Sql,
  lease: LeaseKey,
  mode: 'SHARE' | 'UPDATE' = 'SHARE',
): Promise<HeldRun> {
  const rows = await sql<HeldRun>(
    `SELECT "projectId", kind::text AS kind, status::text AS status FROM "Run" WHERE ${HELD} FOR ${mode}`,
    [lease.runId, lease.attempt, lease.runnerId, lease.tokenId ?? null],
  );
  const row = rows[0];
  if (!row) throw new FencedError(lease.runId);
  return row;
}

/** Run `fn` in a transaction that first locks the run and checks the lease (FencedError when gone). */
export async function withLease<T>(
  db: Db,
  lease: LeaseKey,
  fn: (tx: Prisma.TransactionClient, run: HeldRun) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => fn(tx, await lockLease(prismaQuery(tx), lease)));
}

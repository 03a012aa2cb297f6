// Runner registrations (ClearML's workers): a runner upserts its row when it starts, renews
// `heartbeatAt` on an interval and stamps `stoppedAt` when it stops gracefully. The in-process runner
// calls these on its own connection, the API's registerRunner for runners with a RUNNER token, so both
// paths write the same row. The database's clock stamps every beat: ages compare one clock, not the
// runner host's.
import { prismaQuery } from '../sql.ts';
import { UTC_NOW, type Db } from './lease.ts';

/** What a runner says about itself when it registers. */
export interface RunnerFacts {
  id: string;
  host: string;
  pid: number | null;
  version: string | null;
  engine: string;
  nativeCpu: string | null;
  backend: string;
  usesGpu: boolean;
  cpuModel: string;
  cpuCores: number;
  gpus: { name: string; driver: string; memoryMb: number }[];
  queues: string[];
  concurrency: number;
  heartbeatMs: number;
  /** The RUNNER token (and its project) of a runner registering through the API; null on the database. */
  tokenId: string | null;
  projectId: string | null;
}

/** A registration is LIVE up to this many missed beats, STALE up to LOST_AFTER_BEATS, then LOST. */
export const STALE_AFTER_BEATS = 2;
/** Beats without word after which a runner counts as dead (ClearML drops a worker after a timeout too). */
export const LOST_AFTER_BEATS = 5;

/** A registration's state from its heartbeat age. */
export type RunnerState = 'LIVE' | 'STALE' | 'LOST' | 'STOPPED';

/** The state a registration is in, `ageMs` after its last beat. */
export function runnerStateOf(r: { ageMs: number; heartbeatMs: number; stopped: boolean }): RunnerState {
  if (r.stopped) return 'STOPPED';
  if (r.ageMs <= STALE_AFTER_BEATS * r.heartbeatMs) return 'LIVE';
  return r.ageMs <= LOST_AFTER_BEATS * r.heartbeatMs ? 'STALE' : 'LOST';
}

/**
 * Register (or re-register) a runner: its facts replace the row's and the beat starts now. Refused
 * (false) when the id is registered under another token, so one runner cannot overwrite another's row.
 */
export async function registerRunner(db: Db, f: RunnerFacts): Promise<boolean> {
  const rows = await prismaQuery(db)(
    `INSERT INTO "RunnerRegistration" (id, host, pid, version, engine, "nativeCpu", backend, "usesGpu",
       "cpuModel", "cpuCores", gpus, queues, concurrency, "heartbeatMs", "tokenId", "projectId",
       "startedAt", "heartbeatAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::text[], $13, $14, $15::uuid, $16::uuid,
       ${UTC_NOW}, ${UTC_NOW})
     ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, version = EXCLUDED.version,
       engine = EXCLUDED.engine, "nativeCpu" = EXCLUDED."nativeCpu", backend = EXCLUDED.backend,
       "usesGpu" = EXCLUDED."usesGpu", "cpuModel" = EXCLUDED."cpuModel", "cpuCores" = EXCLUDED."cpuCores",
       gpus = EXCLUDED.gpus, queues = EXCLUDED.queues, concurrency = EXCLUDED.concurrency,
       "heartbeatMs" = EXCLUDED."heartbeatMs", "heartbeatAt" = ${UTC_NOW}, "stoppedAt" = NULL
     WHERE "RunnerRegistration"."tokenId" IS NOT DISTINCT FROM EXCLUDED."tokenId"
     RETURNING id`,
    [
      f.id,
      f.host,
      f.pid,
      f.version,
      f.engine,
      f.nativeCpu,
      f.backend,
      f.usesGpu,
      f.cpuModel,
      f.cpuCores,
      JSON.stringify(f.gpus),
      f.queues,
      f.concurrency,
      f.heartbeatMs,
      f.tokenId,
      f.projectId,
    ],
  );
  return rows.length === 1;
}

/**
 * Renew a registration's heartbeat (and clear a `stoppedAt` a runner that came back carried). False when
 * no row of this id and token exists: the runner should register again (its row was deleted).
 */
export async function beatRunner(db: Db, id: string, tokenId: string | null = null): Promise<boolean> {
  const rows = await prismaQuery(db)(
    `UPDATE "RunnerRegistration" SET "heartbeatAt" = ${UTC_NOW}, "stoppedAt" = NULL
     WHERE id = $1 AND "tokenId" IS NOT DISTINCT FROM $2::uuid RETURNING id`,
    [id, tokenId],
  );
  return rows.length === 1;
}

/** Mark a registration stopped (graceful stop); false when no row of this id and token exists. */
export async function stopRunnerRegistration(
  db: Db,
  id: string,
  tokenId: string | null = null,
): Promise<boolean> {
  const rows = await prismaQuery(db)(
    `UPDATE "RunnerRegistration" SET "stoppedAt" = ${UTC_NOW}
     WHERE id = $1 AND "tokenId" IS NOT DISTINCT FROM $2::uuid RETURNING id`,
    [id, tokenId],
  );
  return rows.length === 1;
}

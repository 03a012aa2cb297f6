// Console-log ingestion, one validation and one fence for every writer, as for metrics: the runner's
// batches (its lease), a remote runner's `appendRunLogs` (lease + RUNNER token) and a script on its own
// running run. A bad line (unknown level, a message that is not text, a bad time) refuses the whole
// batch with BAD_USER_INPUT; a writer that does not hold the run gets CONFLICT; either way nothing is
// written. The bounds are not refusals: a long message is cut (counted as truncated) and lines past the
// run's cap are counted as dropped, so a chatty job never fails for its logging.
import {
  boundLogMessage,
  LOG_LEVELS,
  MAX_LOG_LINES_PER_BATCH,
  MAX_LOG_LINES_PER_RUN,
  type LogLevel,
  type Topics,
} from '@distillery/domain';
import { badInput } from '@distillery/errors';

import type { Sql } from '../sql.ts';
import { lockScriptRun, type MetricWriter } from './append-metrics.ts';
import { lockLease } from './lease.ts';
import { notify } from './notify.ts';

/** One line as a writer hands it over (GraphQL gives `at` as a Date or string, the runner as ms). */
export interface LogLineInput {
  level?: string | null | undefined;
  message: string;
  at?: Date | string | number | null | undefined;
}

/** A line checked and cut to the bounds. */
interface CheckedLine {
  level: LogLevel;
  message: string;
  at: number;
  /** The message was cut to the line bound. */
  cut: boolean;
}

/** Most lines a writer may report as dropped before sending (its own cap) in one call. */
const MAX_REPORTED_DROPS = 1_000_000_000;

/** Check a batch: levels, messages (NUL replaced: PostgreSQL text cannot hold it), times; cut long lines. */
export function normaliseLogLines(lines: readonly LogLineInput[], dropped = 0): CheckedLine[] {
  if (lines.length === 0 && dropped === 0) throw badInput('lines', lines, 'needs at least one line');
  if (lines.length > MAX_LOG_LINES_PER_BATCH)
    throw badInput('lines', lines, `at most ${MAX_LOG_LINES_PER_BATCH} lines per call`);
  if (!Number.isInteger(dropped) || dropped < 0 || dropped > MAX_REPORTED_DROPS)
    throw badInput('dropped', dropped, 'must be a non-negative integer');
  const now = Date.now();
  return lines.map((l, i): CheckedLine => {
    const level = (l.level ?? 'INFO') as LogLevel;
    if (!LOG_LEVELS.includes(level))
      throw badInput(`lines[${i}].level`, l.level, `must be one of ${LOG_LEVELS.join(', ')}`);
    if (typeof l.message !== 'string') throw badInput(`lines[${i}].message`, l.message, 'must be text');
    const at = l.at === null || l.at === undefined ? now : new Date(l.at).getTime();
    if (!Number.isFinite(at)) throw badInput(`lines[${i}].at`, l.at, 'must be a valid time');
    const bounded = boundLogMessage(l.message.replaceAll('\u0000', '\ufffd'));
    return { level, message: bounded.message, at, cut: bounded.truncated };
  });
}

/** What an append wrote: lines fromSeq..toSeq (none when accepted is 0) and what the cap dropped. */
export interface LogsAppended {
  projectId: string;
  accepted: number;
  dropped: number;
  truncated: number;
  fromSeq: number;
  toSeq: number;
}

/**
 * Validate `lines`, check the writer still holds the run, number and store what the run's cap leaves
 * room for, count the rest (and `dropped`, lines the writer's own cap kept back) as dropped, and NOTIFY
 * on commit; all in the transaction `sql` runs in.
 */
export async function appendRunLogs(
  sql: Sql,
  writer: MetricWriter,
  input: readonly LogLineInput[],
  dropped = 0,
): Promise<LogsAppended> {
  const lines = normaliseLogLines(input, dropped);
  const runId = 'lease' in writer ? writer.lease.runId : writer.script.runId;
  const attempt = 'lease' in writer ? writer.lease.attempt : 0;
  const projectId =
    'lease' in writer ? (await lockLease(sql, writer.lease)).projectId : await lockScriptRun(sql, runId);
  // The counter row serialises appends of one run (FOR UPDATE), so seq numbers never collide.
  await sql(`INSERT INTO "RunLog" ("runId") VALUES ($1::uuid) ON CONFLICT DO NOTHING`, [runId]);
  const held = (
    await sql<{ lines: number }>(`SELECT lines FROM "RunLog" WHERE "runId" = $1::uuid FOR UPDATE`, [runId])
  )[0]!.lines;
  const kept = lines.slice(0, Math.max(0, MAX_LOG_LINES_PER_RUN - held));
  const lost = dropped + lines.length - kept.length;
  const cut = kept.filter((l) => l.cut).length;
  if (kept.length > 0) {
    await sql(
      `INSERT INTO "RunLogLine" ("runId", seq, attempt, level, message, at)
       SELECT $1::uuid, $2::int + o, $3::int, l::"LogLevel", m, to_timestamp(t / 1000.0) AT TIME ZONE 'UTC'
       FROM unnest($4::text[], $5::text[], $6::float8[]) WITH ORDINALITY AS u(l, m, t, o)`,
      [runId, held, attempt, kept.map((l) => l.level), kept.map((l) => l.message), kept.map((l) => l.at)],
    );
  }
  await sql(
    `UPDATE "RunLog" SET lines = lines + $2, dropped = dropped + $3, truncated = truncated + $4 WHERE "runId" = $1::uuid`,
    [runId, kept.length, lost, cut],
  );
  const notice: Topics['distillery.run_logs_appended'] = {
    projectId,
    runId,
    fromSeq: held + 1,
    toSeq: held + kept.length,
    dropped: lost,
    lines: kept.map((l, i) => [held + 1 + i, attempt, l.level, l.at, l.message]),
  };
  if (kept.length > 0 || lost > 0) await notify(sql, 'distillery.run_logs_appended', notice);
  const range = { fromSeq: held + 1, toSeq: held + kept.length };
  return { projectId, accepted: kept.length, dropped: lost, truncated: cut, ...range };
}

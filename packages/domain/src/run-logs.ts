/**
 * A run's console log: the lines a job writes while it runs (its logger and console), stored per run,
 * paged by `Run.logs` and streamed by `runLogAppended`. One list of levels and one set of bounds for the
 * runner (which cuts lines before sending), the lifecycle (which enforces them) and the dashboard.
 */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** One log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Longest message kept (characters); a longer line is cut and counted as truncated. */
export const MAX_LOG_LINE_CHARS = 2_000;
/** Most lines one run keeps; later lines are counted as dropped, not stored. */
export const MAX_LOG_LINES_PER_RUN = 20_000;
/** Most lines one append carries (a runner's batch, an `appendRunLogs` call). */
export const MAX_LOG_LINES_PER_BATCH = 1_000;
/** Most lines one page of `Run.logs` returns. */
export const MAX_LOG_PAGE = 500;

/** One stored line: `seq` counts the run's lines from 1 (the paging cursor), `at` is epoch ms. */
export interface LogLine {
  seq: number;
  attempt: number;
  level: LogLevel;
  message: string;
  at: number;
}

/** Cut `message` to the line bound; says whether it was cut. */
export function boundLogMessage(message: string): { message: string; truncated: boolean } {
  if (message.length <= MAX_LOG_LINE_CHARS) return { message, truncated: false };
  return { message: `${message.slice(0, MAX_LOG_LINE_CHARS - 1)}…`, truncated: true };
}

import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/** How a process logs. */
export interface LoggerOptions {
  level?: string;
  /** Human-readable lines (pino-pretty) instead of JSON; for a terminal. */
  pretty?: boolean;
}

/**
 * The process's structured logger: JSON lines on stdout (one object per line, `name` = the app), or
 * pretty lines for a terminal. Written synchronously so a crash loses nothing already logged.
 */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const base = { name, level: options.level ?? 'info', base: { name } };
  if (options.pretty) {
    return pino(
      base,
      pretty({
        sync: true,
        colorize: process.stdout.isTTY,
        ignore: 'pid,hostname,name',
        messageFormat: '{msg}',
      }),
    );
  }
  return pino(base, pino.destination({ dest: 1, sync: true }));
}

/** A logger whose messages go to `write` as plain lines (tests that collect output). */
export function lineLogger(write: (line: string) => void): Logger {
  return pino(
    { level: 'info' },
    {
      write(json: string) {
        write((JSON.parse(json) as { msg?: string }).msg ?? json);
      },
    },
  );
}

/** An error as log fields (pino's serializer keeps message, code, stack and causes). */
export function errorFields(e: unknown): { err: unknown } {
  return { err: e instanceof Error ? e : new Error(String(e)) };
}

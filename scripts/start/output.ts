import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One `distillery:` line on stdout (or stderr for errors): npm start's own voice. */
export function say(line: string, level: 'info' | 'error' = 'info'): void {
  (level === 'error' ? process.stderr : process.stdout).write(`distillery: ${line}\n`);
}

/** Print one line and exit 1. */
export function fail(message: string): never {
  say(message, 'error');
  process.exit(1);
}

// PostgreSQL logs every checkpoint and connection attempt; npm start shows what needs attention.
const PG_NOTEWORTHY = /\b(WARNING|FATAL|PANIC):/;
const PG_ROUTINE = /the database system is (starting up|shutting down)/;

/** Print a PostgreSQL log line when it is a warning or worse. */
export function postgresLine(line: string): void {
  if (PG_NOTEWORTHY.test(line) && !PG_ROUTINE.test(line)) process.stdout.write(`[postgres] ${line}\n`);
}

/** The host name to print and hand to browsers for a listen address. */
export function publicHost(host: string): string {
  return host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
}

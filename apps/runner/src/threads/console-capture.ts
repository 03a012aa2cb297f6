// A job's console log, captured in its worker thread: what the handler writes through `ctx.logger` and
// what it (or a library, e.g. tfjs' backend warnings) prints with console.*. Lines are cut to the line
// bound here, before they cross to the main thread, and past the run's line cap they are only counted.
import { format } from 'node:util';

import { boundLogMessage, MAX_LOG_LINES_PER_RUN, type LogLevel } from '@distillery/domain';

import type { JobLogger } from '../jobs/context.ts';
import type { LogItem } from '../metrics/log-sink.ts';

/** The capture of one job thread. */
export interface ConsoleCapture {
  logger: JobLogger;
  /** Hand every buffered line to `send` now (epoch ends, flushes, the end of the job). */
  sendBuffer(): void;
  /** Put the thread's console back. */
  restore(): void;
}

const CONSOLE_LEVELS = { debug: 'DEBUG', log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

/** Capture the thread's console and offer a logger; lines go to `send` in small bundles. */
export function captureConsole(
  send: (items: LogItem[]) => void,
  cap = MAX_LOG_LINES_PER_RUN,
): ConsoleCapture {
  let buffer: LogItem[] = [];
  let timer: NodeJS.Timeout | null = null;
  let lastSend = Date.now();
  let written = 0;
  let dropped = 0;

  function sendBuffer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    lastSend = Date.now();
    if (dropped > 0) buffer.push({ dropped });
    dropped = 0;
    if (buffer.length === 0) return;
    send(buffer);
    buffer = [];
  }

  function write(level: LogLevel, message: string): void {
    if (written >= cap) {
      dropped++;
      return;
    }
    written++;
    buffer.push({ level, message: boundLogMessage(message).message, at: Date.now() });
    // Synchronous training loops starve timers: hand lines over by size or age on the call itself.
    if (buffer.length >= 200 || Date.now() - lastSend > 250) sendBuffer();
    else timer ??= setTimeout(sendBuffer, 100);
  }

  const original = new Map<keyof typeof CONSOLE_LEVELS, (...args: unknown[]) => void>();
  for (const [method, level] of Object.entries(CONSOLE_LEVELS) as [keyof typeof CONSOLE_LEVELS, LogLevel][]) {
    const before = console[method];
    original.set(method, before);
    // Still printed on the runner's stdout (its operators read it); the run's log gets a copy.
    console[method] = (...args: unknown[]) => {
      before.apply(console, args);
      write(level, format(...args));
    };
  }

  return {
    logger: {
      debug: (m) => write('DEBUG', m),
      info: (m) => write('INFO', m),
      warn: (m) => write('WARN', m),
      error: (m) => write('ERROR', m),
    },
    sendBuffer,
    restore() {
      for (const [method, fn] of original) console[method] = fn;
    },
  };
}

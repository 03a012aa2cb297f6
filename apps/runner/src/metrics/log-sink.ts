// The runner's one path for console lines: the shared lifecycle's `appendRunLogs` (the call the API's
// `appendRunLogs` makes for remote runners), fenced by the lease in the same transaction.
import type { PrismaClient } from '@distillery/db';
import { prismaQuery } from '@distillery/db';
import { appendRunLogs, type LogLineInput } from '@distillery/db/lifecycle';
import { MAX_LOG_LINES_PER_BATCH } from '@distillery/domain';

import { Batcher, type BatchSink } from './batcher.ts';

/** A console line, or a count of lines the job thread's own cap kept back. */
export type LogItem = LogLineInput | { dropped: number };

/** Writes console lines straight into PostgreSQL through the shared lifecycle. */
export class SqlLogSink implements BatchSink<LogItem> {
  constructor(private readonly prisma: PrismaClient) {}

  async write(lease: { runId: string; attempt: number; runnerId: string }, items: LogItem[]): Promise<void> {
    const lines = items.filter((i): i is LogLineInput => 'message' in i);
    const dropped = items.reduce((n, i) => n + ('dropped' in i ? i.dropped : 0), 0);
    if (lines.length === 0 && dropped === 0) return;
    await this.prisma.$transaction((tx) => appendRunLogs(prismaQuery(tx), { lease }, lines, dropped));
  }
}

/**
 * The batcher of a run's console lines: sent within half a second, at most a lifecycle batch at a time,
 * retried for 30 s only (a run's end must not wait out an outage for its log).
 */
export class LogBatcher extends Batcher<LogItem> {
  constructor(sink: BatchSink<LogItem>, lease: { runId: string; attempt: number; runnerId: string }) {
    super(sink, lease, { flushMs: 500, maxBatch: MAX_LOG_LINES_PER_BATCH, retryForMs: 30_000 });
  }

  /** Queue one line the runner itself writes about the run (claims, failures, stops). */
  line(level: 'INFO' | 'WARN' | 'ERROR', message: string): void {
    this.add([{ level, message, at: Date.now() }]);
  }
}

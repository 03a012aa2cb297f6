// Follow one run live: status from `runUpdated`, points from `metricsAppended`, with a slow poll as a
// safety net for an update that happened between the first read and the subscription starting.
import { TERMINAL_RUN_STATUSES } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { RunStatus } from '@distillery/graphql-schema/types';

import type { DistilleryClient } from './client.ts';
import {
  MetricsAppendedDocument,
  RunDocument,
  RunUpdatedDocument,
  type MetricsAppendedSubscription,
  type RunFieldsFragment,
} from './graphql/generated/graphql.ts';
import { sleep } from './retry.ts';

/** Statuses after which a run never changes again. */
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(TERMINAL_RUN_STATUSES);

/** Callbacks of followRun. */
export interface FollowHandlers {
  onRun?: (run: RunFieldsFragment) => void;
  onMetrics?: (batch: MetricsAppendedSubscription['metricsAppended']) => void;
  /** Metric keys to stream (default all). */
  keys?: string[];
  /** Safety-net poll interval (default 3 s). */
  pollMs?: number;
  /** Replay the points logged before following started (default true). */
  backfill?: boolean;
}

/** Follow a run until it ends; resolves with its final state. */
export async function followRun(
  client: DistilleryClient,
  runId: string,
  handlers: FollowHandlers = {},
): Promise<RunFieldsFragment> {
  const read = async () => {
    const { run } = await client.request(RunDocument, { id: runId });
    if (!run)
      throw new AppError(AppErrorCode.NOT_FOUND, `run ${runId} does not exist or is not visible to you`);
    return run;
  };
  let run: RunFieldsFragment = await read();
  handlers.onRun?.(run);
  if (TERMINAL_STATUSES.has(run.status)) return run;
  const stop = new AbortController();
  const runs = client.subscribe(RunUpdatedDocument, { projectId: run.projectId });
  const metrics = client.subscribe(MetricsAppendedDocument, {
    runId,
    ...(handlers.keys ? { keys: handlers.keys } : {}),
    ...(handlers.backfill === false ? {} : { sinceStep: -1 }),
  });
  let lastStatusSeen = run.status;
  const update = (r: RunFieldsFragment) => {
    if (r.id !== runId) return;
    run = r;
    handlers.onRun?.(r);
    lastStatusSeen = r.status;
    if (TERMINAL_STATUSES.has(r.status)) stop.abort();
  };
  const statusLoop = (async () => {
    for await (const m of runs) {
      update(m.runUpdated);
      if (stop.signal.aborted) break;
    }
  })();
  const metricLoop = (async () => {
    for await (const m of metrics) {
      handlers.onMetrics?.(m.metricsAppended);
      if (stop.signal.aborted) break;
    }
  })();
  const pollLoop = (async () => {
    while (!stop.signal.aborted) {
      await sleep(handlers.pollMs ?? 3000, stop.signal).catch(() => undefined);
      if (stop.signal.aborted) break;
      const r = await read();
      if (r.status !== lastStatusSeen) update(r);
    }
  })();
  // A loop that ends normally (a completed subscription) leaves the others and the poll to finish
  // the job; a loop that fails (run deleted, socket gave up, token revoked) ends the wait with its error.
  const failed = (p: Promise<void>) => new Promise<never>((_, reject) => void p.catch(reject));
  try {
    await Promise.race([
      new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true })),
      failed(statusLoop),
      failed(metricLoop),
      failed(pollLoop),
    ]);
  } finally {
    stop.abort();
    await Promise.allSettled([runs.return(), metrics.return()]);
  }
  return run;
}

// One graphile-worker task per job kind. The main thread validates the payload, waits for
// dependencies, claims the run (lease), starts the handler in a worker thread, and while it runs keeps
// the lease alive, watches for cancellation, streams metrics, and finally records the outcome.
import type { JobHelpers, Task } from 'graphile-worker';

import type { PrismaClient } from '@distillery/db';
import { failQueuedRun, FencedError, heartbeat, type Lease } from '@distillery/db/lifecycle';
import { AppErrorCode } from '@distillery/errors';

import type { ArtifactStoreConfig } from '@distillery/artifacts';
import type { JobDefinition } from '../jobs/define-job.ts';
import type { EngineChoice } from '../threads/protocol.ts';
import { MetricBatcher, type BatchSink } from '../metrics/batcher.ts';
import { LogBatcher, type LogItem } from '../metrics/log-sink.ts';
import type { MetricSink } from '../metrics/types.ts';
import type { HostFacts } from '../system/host-facts.ts';
import { SystemSampler } from '../system/system-metrics.ts';
import { startJobThread, type ThreadOutcome } from '../threads/job-thread-handle.ts';
import { claimAudited, finishAudited, releaseAudited } from './audited-lifecycle.ts';
import { checkDependencies, nudgeDependents } from './dependencies.ts';
import { refreshJobLock, releaseQueueLock } from './job-locks.ts';
import { runInline } from './run-inline.ts';

/** Everything a task needs from the runner. */
export interface ExecutorDeps {
  prisma: PrismaClient;
  runnerId: string;
  databaseUrl: string;
  /** How long the job thread's database calls wait for an unavailable server. */
  outageWaitMs: number;
  sink: MetricSink;
  /** Where each run's console lines go (the lifecycle's appendRunLogs). */
  logSink: BatchSink<LogItem>;
  artifacts: ArtifactStoreConfig;
  engine: EngineChoice;
  host: HostFacts;
  datasetRoots: string[];
  datasetCacheDir: string;
  jobMemoryMb: number;
  heartbeatMs: number;
  /** A RUNNING run whose heartbeat is older than this may be claimed from its (dead) runner. */
  staleMs: number;
  systemMetricsMs: number;
  /** Longest a metric point waits in the batcher before it is written. */
  metricFlushMs: number;
  /** Delay before a job whose dependencies are not done looks again. */
  dependencyPollMs: number;
  log: (line: string) => void;
}

/** Build the graphile-worker task that executes jobs of `def`. */
export function makeTask(def: JobDefinition, deps: ExecutorDeps): Task {
  return async (raw, helpers) => {
    const parsed = def.payloadSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `invalid ${def.id} payload: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
      const runId = looseRunId(raw);
      if (runId) await failQueuedRun(deps.prisma, runId, reason);
      deps.log(`job ${helpers.job.id}: ${reason}`);
      return;
    }
    const payload = parsed.data as { runId: string; dependsOnRunIds?: string[] };
    const waiting = await checkDependencies(deps.prisma, payload.dependsOnRunIds ?? []);
    if (waiting.state === 'failed') {
      await failQueuedRun(deps.prisma, payload.runId, waiting.reason);
      return;
    }
    if (waiting.state === 'waiting') return defer(helpers, raw, deps.dependencyPollMs);
    if (def.execution === 'inline') {
      const done = await runInline(def, deps.prisma, payload);
      return done ? undefined : defer(helpers, raw, deps.dependencyPollMs);
    }
    const claim = await claimAudited(deps.prisma, {
      runId: payload.runId,
      runnerId: deps.runnerId,
      staleMs: deps.staleMs,
    });
    if (!claim.claimed) {
      deps.log(`job ${helpers.job.id}: run ${payload.runId} is ${claim.status ?? 'missing'}, skipped`);
      return;
    }
    await releaseQueueLock(deps.prisma, helpers.job.job_queue_id, helpers.job.locked_by ?? '');
    await runThreaded(def, deps, helpers, claim.lease, claim.resume, claim.startedAt, parsed.data);
  };
}

async function runThreaded(
  def: JobDefinition,
  deps: ExecutorDeps,
  helpers: JobHelpers,
  lease: Lease,
  resume: Parameters<typeof startJobThread>[0]['resume'],
  startedAt: Date,
  payload: unknown,
): Promise<void> {
  const batcher = new MetricBatcher(deps.sink, lease, { flushMs: deps.metricFlushMs });
  const logs = new LogBatcher(deps.logSink, lease);
  logs.line(
    'INFO',
    `${resume ? 'resumed' : 'started'} ${def.id} (attempt ${lease.attempt}) on runner ${deps.runnerId}`,
  );
  const thread = startJobThread(
    {
      kind: def.id,
      handlerUrl: def.handlerUrl.href,
      payload,
      lease,
      resume,
      databaseUrl: deps.databaseUrl,
      outageWaitMs: deps.outageWaitMs,
      artifacts: deps.artifacts,
      engine: deps.engine,
      host: deps.host,
      datasetRoots: deps.datasetRoots,
      datasetCacheDir: deps.datasetCacheDir,
    },
    batcher,
    logs,
    deps.jobMemoryMb,
  );
  let stopReason: 'cancelled' | 'fenced' | 'shutdown' | null = null;
  const stop = (why: 'cancelled' | 'fenced' | 'shutdown'): void => {
    if (stopReason) return;
    stopReason = why;
    void thread.stop(why === 'cancelled' ? 2000 : 0);
  };
  const lockedBy = helpers.job.locked_by ?? '';
  const beat = setInterval(() => {
    void (async () => {
      const state = await heartbeat(deps.prisma, lease);
      if (state === 'ok') await refreshJobLock(deps.prisma, helpers.job.id, lockedBy);
      else stop(state);
    })().catch((e: unknown) => deps.log(`heartbeat of ${lease.runId} failed: ${String(e)}`));
  }, deps.heartbeatMs);
  const sampler = new SystemSampler();
  const sys = setInterval(() => {
    void sampler.sample().then((s) => {
      const step = Math.round((Date.now() - startedAt.getTime()) / 1000);
      // A figure the host could not take (NaN) is left out: the lifecycle refuses non-finite values.
      batcher.add(
        Object.entries(s)
          .filter(([, value]) => Number.isFinite(value))
          .map(([key, value]) => ({ key, step, value, wallTime: Date.now() })),
      );
    });
  }, deps.systemMetricsMs);
  helpers.abortSignal.addEventListener('abort', () => stop('shutdown'), { once: true });

  let outcome: ThreadOutcome;
  try {
    outcome = await thread.outcome;
  } finally {
    clearInterval(beat);
    clearInterval(sys);
  }
  await settle(deps, lease, outcome, stopReason, batcher, logs);
}

async function settle(
  deps: ExecutorDeps,
  lease: Lease,
  outcome: ThreadOutcome,
  observedStop: 'cancelled' | 'fenced' | 'shutdown' | null,
  batcher: MetricBatcher,
  logs: LogBatcher,
): Promise<void> {
  let stopReason = observedStop;
  if (stopReason === null && outcome.type !== 'done') {
    // The job may have failed because a write was refused (cancelled or taken over) before the next
    // heartbeat noticed: ask the run itself.
    const state = await heartbeat(deps.prisma, lease);
    if (state !== 'ok') stopReason = state;
  }
  if (stopReason === 'fenced') {
    batcher.dispose();
    logs.dispose();
    // Throwing leaves the job to whoever holds it now: graphile-worker's failJob only touches a job
    // still locked by this pool, while completing would delete the row another runner is working on.
    throw new FencedError(lease.runId);
  }
  // What the handler logged before it stopped is kept (the lease still allows the writes). The API
  // refuses metrics of a run that is no longer RUNNING, so after a cancel the last second may be lost.
  const flushed = await batcher.flush().then(
    () => null,
    (e: unknown) => e,
  );
  if (
    flushed instanceof FencedError &&
    stopReason === null &&
    (await heartbeat(deps.prisma, lease)) === 'cancelled'
  ) {
    stopReason = 'cancelled';
  }
  if (flushed instanceof FencedError && stopReason !== 'cancelled') throw flushed;
  logs.line(...closingLine(stopReason, outcome));
  // The console is best effort: a line that cannot be written never changes how the run ends.
  await logs.flush().catch(() => logs.dispose());
  // A transient cause (the database went away mid-write) is not the run's failure: hand it back to the
  // queue like a shutdown; the next attempt resumes from the newest checkpoint.
  const transient = outcome.type === 'failed' && outcome.code === AppErrorCode.UNAVAILABLE;
  if (stopReason === 'shutdown' || (stopReason === null && transient)) {
    const why =
      stopReason === 'shutdown'
        ? 'shut down'
        : `lost the database (${outcome.type === 'failed' ? outcome.reason : ''})`;
    await releaseAudited(deps.prisma, lease, why);
    throw new Error(`runner ${why}; run ${lease.runId} handed back to the queue`);
  }
  if (stopReason === 'cancelled') {
    await finishAudited(deps.prisma, lease, {
      status: 'CANCELLED',
      reason: `cancelled; stopped by ${lease.runnerId}`,
    });
  } else if (outcome.type === 'done') {
    const { summary, parameterCount } = outcome.result;
    await finishAudited(deps.prisma, lease, { status: 'SUCCEEDED', summary, parameterCount });
    await nudgeDependents(deps.prisma, lease.runId);
  } else {
    const reason = outcome.type === 'failed' ? `${outcome.code}: ${outcome.reason}` : 'job thread stopped';
    await finishAudited(deps.prisma, lease, { status: 'FAILED', reason });
    await nudgeDependents(deps.prisma, lease.runId);
  }
}

// The runner's last word in the run's console: why the attempt ended.
function closingLine(
  stopReason: 'cancelled' | 'fenced' | 'shutdown' | null,
  outcome: ThreadOutcome,
): ['INFO' | 'WARN' | 'ERROR', string] {
  if (stopReason === 'shutdown') return ['WARN', 'runner shutting down: run handed back to the queue'];
  if (stopReason === 'cancelled') return ['WARN', 'cancelled: the job was stopped'];
  if (outcome.type === 'done') return ['INFO', 'finished'];
  if (outcome.type === 'failed') return ['ERROR', `failed: ${outcome.code}: ${outcome.reason}`];
  return ['ERROR', 'job thread stopped'];
}

/** Re-add the same job to run again shortly, and complete this one (no retry budget is spent). */
async function defer(helpers: JobHelpers, raw: unknown, delayMs: number): Promise<void> {
  const job = helpers.job as typeof helpers.job & { flags?: Record<string, true> | null };
  const queueName = await helpers.getQueueName();
  await helpers.addJob(job.task_identifier, raw as object, {
    runAt: new Date(Date.now() + delayMs),
    priority: job.priority,
    maxAttempts: job.max_attempts,
    ...(queueName ? { queueName } : {}),
    ...(job.flags ? { flags: Object.keys(job.flags) } : {}),
  });
}

function looseRunId(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { runId?: unknown }).runId : null;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

// A runner process: a graphile-worker pool over the job kinds of the queues it serves, a reaper that
// requeues the runs of dead runners, and a metric sink. Several runners on several machines share one
// database; graphile-worker's SKIP LOCKED claim hands each job to one of them.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import { Logger as WorkerLogger, run, type Runner, type TaskList } from 'graphile-worker';

import { createDatabase, type Database } from '@distillery/db';
import { datasetRootsFrom } from '@distillery/db/dataset-roots';
import { DEFAULT_STALE_MS } from '@distillery/db/lifecycle';
import type { JobQueue } from '@distillery/domain';
import type { BackendReport } from '@distillery/ml';
import { createLogger, lineLogger, type Logger } from '@distillery/observe';

import type { ArtifactStoreConfig } from '@distillery/artifacts';
import { makeTask, type ExecutorDeps } from './execution/execute-job.ts';
import { reapStaleRuns } from './execution/reaper.ts';
import { JOB_DEFINITIONS } from './jobs/registry.ts';
import type { MetricSink } from './metrics/types.ts';
import type { EngineChoice } from './threads/protocol.ts';
import { DEFAULT_METRIC_FLUSH_MS } from './metrics/batcher.ts';
import { SqlLogSink } from './metrics/log-sink.ts';
import { SqlMetricSink } from './metrics/sql-sink.ts';
import { collectHostFacts } from './system/host-facts.ts';
import { announcePresence, runnerFactsOf } from './system/announce-presence.ts';
import { disposeWarmThreads, jobThreadsWarm, warmJobThreads } from './threads/job-thread-handle.ts';
import { createRunnerMetrics, observingSink, type RunnerMetrics } from './observability/runner-metrics.ts';
import { tolerateQueueOutages } from './queue/tolerate-outages.ts';

/** How to start a runner. */
export interface RunnerOptions {
  databaseUrl: string;
  /** Stable name prefix (host name by default); the runner id adds pid and a random suffix. */
  name?: string;
  queues: readonly JobQueue[];
  concurrency: number;
  artifacts: ArtifactStoreConfig;
  /** Step engine and tfjs backend of training jobs (default: native when available, else tfjs; backend auto). */
  engine?: EngineChoice;
  /** What the runner's backend probe initialised (main.ts runs one), shown on the workers page. */
  backend?: BackendReport;
  /** How often the runner's registration beats (default 5 s); several silent intervals show it lost. */
  presenceMs?: number;
  /** Recorded as the runs' code version where the deployment has no .git. */
  gitCommit?: string;
  /** Folders FOLDER datasets may be read from (default: the roots of an empty environment). */
  datasetRoots?: string[];
  /** Where dataset packs fetched by hash are cached (default `.data/cache/datasets`). */
  datasetCacheDir?: string;
  /** Defaults to the shared lifecycle's metric ingest over the runner's own connection (tests wrap it). */
  sink?: MetricSink;
  jobMemoryMb?: number;
  heartbeatMs?: number;
  /** A RUNNING run whose heartbeat is older than this is taken from its runner. */
  staleMs?: number;
  reapIntervalMs?: number;
  pollIntervalMs?: number;
  /** How often a running job logs CPU / memory / GPU figures (default 5 s). */
  systemMetricsMs?: number;
  /** Longest a logged metric point waits before it is written (default 1 s). */
  metricFlushMs?: number;
  /**
   * Connections of the runner's pool, shared by the queue (its LISTEN connection and job claims) and
   * the lifecycle writes (default concurrency + 3); each running job's thread opens 2 more.
   */
  poolSize?: number;
  /** How long database calls wait for an unavailable server before failing (default 15 min). */
  outageWaitMs?: number;
  logger?: Logger;
  /** Plain message lines instead of a logger (tests). */
  log?: (line: string) => void;
}

/** A started runner. */
export interface RunningRunner {
  runnerId: string;
  db: Database;
  metrics: RunnerMetrics;
  /** Settles once the idle job threads have booted (jobs taken before then wait for their thread). */
  threadsWarm(): Promise<void>;
  /** Stop taking jobs, hand running ones back to the queue, close connections. */
  stop(): Promise<void>;
}

// The handler modules a job thread imports while it warms up, so its first job does not pay for them.
function threadedHandlerUrls(): string[] {
  return Object.values(JOB_DEFINITIONS)
    .filter((d) => d.execution === 'thread')
    .map((d) => d.handlerUrl.href);
}

/** Start serving jobs. */
export async function startRunner(options: RunnerOptions): Promise<RunningRunner> {
  const runnerId = `${options.name ?? hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const base =
    options.logger ?? (options.log ? lineLogger(options.log) : createLogger('runner', { level: 'silent' }));
  const logger = base.child({ runnerId });
  const log = (line: string) => logger.info(line);
  const outageWaitMs = options.outageWaitMs ?? 15 * 60_000;
  tolerateQueueOutages();
  const db = createDatabase(options.databaseUrl, {
    max: options.poolSize ?? options.concurrency + 3,
    outageWaitMs,
    log: (event, e) =>
      event === 'db-up'
        ? logger.info('database reachable again')
        : logger.warn(
            { err: e, event },
            event === 'db-down' ? 'database unavailable; waiting for it' : 'idle connection lost',
          ),
  });
  const metrics = createRunnerMetrics(db.prisma);
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deps: ExecutorDeps = {
    prisma: db.prisma,
    runnerId,
    databaseUrl: options.databaseUrl,
    outageWaitMs,
    sink: observingSink(options.sink ?? new SqlMetricSink(db.prisma), metrics),
    logSink: new SqlLogSink(db.prisma),
    artifacts: options.artifacts,
    engine: options.engine ?? { engine: 'auto', nativeCpu: 'auto', backend: 'auto' },
    host: await collectHostFacts(options.gitCommit),
    datasetRoots: options.datasetRoots ?? datasetRootsFrom({}),
    datasetCacheDir: options.datasetCacheDir ?? join('.data', 'cache', 'datasets'),
    jobMemoryMb: options.jobMemoryMb ?? 4096,
    heartbeatMs: options.heartbeatMs ?? 1000,
    staleMs,
    systemMetricsMs: options.systemMetricsMs ?? 5000,
    metricFlushMs: options.metricFlushMs ?? DEFAULT_METRIC_FLUSH_MS,
    dependencyPollMs: 2000,
    log,
  };
  const taskList: TaskList = {};
  for (const def of Object.values(JOB_DEFINITIONS)) {
    if (options.queues.includes(def.queue)) taskList[def.id] = makeTask(def, deps);
  }
  const runner: Runner = await run({
    // One pool for the queue and the lifecycle writes: fewer connections, and both wait out outages.
    pgPool: db.pool,
    concurrency: options.concurrency,
    taskList,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 1000,
    logger: new WorkerLogger((scope) => (level, message) => {
      if (level === 'error') logger.error({ queue: scope.label, jobId: scope.jobId }, message);
      else if (level === 'warning') logger.warn({ queue: scope.label, jobId: scope.jobId }, message);
    }),
    // A job explicitly flagged for a queue this runner does not serve is skipped.
    forbiddenFlags: ['gpu', 'cpu'].filter((q) => !options.queues.includes(q as JobQueue)),
  });
  const started = new Map<string, number>();
  runner.events.on('job:start', ({ job }) => started.set(job.id, Date.now()));
  runner.events.on('job:complete', ({ job, error }) => {
    const t0 = started.get(job.id);
    started.delete(job.id);
    if (t0 !== undefined)
      metrics.jobSeconds.observe(
        { task: job.task_identifier, outcome: error ? 'error' : 'ok' },
        (Date.now() - t0) / 1000,
      );
  });
  const reaper = setInterval(() => {
    void reapStaleRuns(db.prisma, staleMs)
      .then((r) => {
        for (const id of r.requeued)
          logger.warn({ runId: id }, `reaper: run ${id} lost its runner; requeued`);
        for (const id of r.failed)
          logger.error({ runId: id }, `reaper: run ${id} lost its runner; no attempts left, failed`);
      })
      .catch((e: unknown) => logger.warn({ err: e }, 'reaper pass failed; trying again next interval'));
  }, options.reapIntervalMs ?? 5000);
  warmJobThreads(options.concurrency, deps.jobMemoryMb, deps.engine.backend, threadedHandlerUrls(), (e) => {
    metrics.jobThreadEvents.inc({ event: e.event });
    // A thread retired for what its job left behind points at a bug worth reading about.
    if (e.event === 'retired') logger.info({ reason: e.reason }, `job thread retired: ${e.reason}`);
  });
  const presence = await announcePresence(
    db.prisma,
    runnerFactsOf({
      runnerId,
      host: deps.host,
      engine: deps.engine,
      backend: options.backend,
      queues: options.queues,
      concurrency: options.concurrency,
      heartbeatMs: options.presenceMs ?? 5000,
    }),
    (e, message) => logger.warn({ err: e }, message),
  );
  log(`runner ${runnerId} serving ${options.queues.join(',')} with concurrency ${options.concurrency}`);
  return {
    runnerId,
    db,
    metrics,
    threadsWarm: jobThreadsWarm,
    async stop() {
      clearInterval(reaper);
      await runner.stop();
      // After the queue handed its jobs back: a stopped registration holds nothing.
      await presence.stop();
      await disposeWarmThreads();
      await db.close();
    },
  };
}

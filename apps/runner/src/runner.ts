// A runner process: a graphile-worker pool over the job kinds of the queues it serves, a reaper that
// requeues the runs of dead runners, and a metric sink. Several runners on several machines share one
// database; graphile-worker's SKIP LOCKED claim hands each job to one of them.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

import { Logger, run, type Runner, type TaskList } from 'graphile-worker';

import { createDatabase, type Database } from '@distillery/db';
import { datasetRootsFrom } from '@distillery/db/dataset-roots';
import type { JobQueue } from '@distillery/domain';

import type { ArtifactStoreConfig } from '@distillery/artifacts';
import { makeTask, type ExecutorDeps } from './execution/execute-job.ts';
import { reapStaleRuns } from './execution/reaper.ts';
import { JOB_DEFINITIONS } from './jobs/registry.ts';
import type { MetricSink } from './metrics/types.ts';
import type { EngineChoice } from './threads/protocol.ts';
import { SqlMetricSink } from './metrics/sql-sink.ts';
import { collectHostFacts } from './system/host-facts.ts';
import { disposeWarmThreads, warmJobThreads } from './threads/job-thread-handle.ts';

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
  /** Recorded as the runs' code version where the deployment has no .git. */
  gitCommit?: string;
  /** Folders FOLDER datasets may be read from (default: the roots of an empty environment). */
  datasetRoots?: string[];
  /** Defaults to the SQL sink over the runner's own connection. */
  sink?: MetricSink;
  jobMemoryMb?: number;
  heartbeatMs?: number;
  /** A RUNNING run whose heartbeat is older than this is taken from its runner. */
  staleMs?: number;
  reapIntervalMs?: number;
  pollIntervalMs?: number;
  /** How often a running job logs CPU / memory / GPU figures (default 5 s). */
  systemMetricsMs?: number;
  log?: (line: string) => void;
}

/** A started runner. */
export interface RunningRunner {
  runnerId: string;
  db: Database;
  /** Stop taking jobs, hand running ones back to the queue, close connections. */
  stop(): Promise<void>;
}

/** Start serving jobs. */
export async function startRunner(options: RunnerOptions): Promise<RunningRunner> {
  const log = options.log ?? ((line: string) => console.log(line));
  const runnerId = `${options.name ?? hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const db = createDatabase(options.databaseUrl, { max: options.concurrency * 2 + 3 });
  const deps: ExecutorDeps = {
    prisma: db.prisma,
    runnerId,
    databaseUrl: options.databaseUrl,
    sink: options.sink ?? new SqlMetricSink(db.prisma),
    artifacts: options.artifacts,
    engine: options.engine ?? { engine: 'auto', nativeCpu: 'auto', backend: 'auto' },
    host: await collectHostFacts(options.gitCommit),
    datasetRoots: options.datasetRoots ?? datasetRootsFrom({}),
    jobMemoryMb: options.jobMemoryMb ?? 4096,
    heartbeatMs: options.heartbeatMs ?? 1000,
    systemMetricsMs: options.systemMetricsMs ?? 5000,
    dependencyPollMs: 2000,
    log,
  };
  const taskList: TaskList = {};
  for (const def of Object.values(JOB_DEFINITIONS)) {
    if (options.queues.includes(def.queue)) taskList[def.id] = makeTask(def, deps);
  }
  const runner: Runner = await run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    taskList,
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 1000,
    logger: new Logger((scope) => (level, message) => {
      if (level === 'error' || level === 'warning') log(`[graphile-worker ${scope.label ?? ''}] ${message}`);
    }),
    // A job explicitly flagged for a queue this runner does not serve is skipped.
    forbiddenFlags: ['gpu', 'cpu'].filter((q) => !options.queues.includes(q as JobQueue)),
  });
  const staleMs = options.staleMs ?? 20_000;
  const reaper = setInterval(() => {
    void reapStaleRuns(db.prisma, staleMs)
      .then((r) => {
        for (const id of r.requeued) log(`reaper: run ${id} lost its runner; requeued`);
        for (const id of r.failed) log(`reaper: run ${id} lost its runner; no attempts left, failed`);
      })
      .catch((e: unknown) => log(`reaper failed: ${String(e)}`));
  }, options.reapIntervalMs ?? 5000);
  warmJobThreads(options.concurrency, deps.jobMemoryMb, deps.engine.backend);
  log(`runner ${runnerId} serving ${options.queues.join(',')} with concurrency ${options.concurrency}`);
  return {
    runnerId,
    db,
    async stop() {
      clearInterval(reaper);
      await runner.stop();
      await disposeWarmThreads();
      await db.close();
    },
  };
}

// Messages between the runner's main thread (queue, heartbeats, metric batching) and a job's worker
// thread (the handler: data loading, training, checkpoints).
import type { ArtifactStoreConfig } from '@distillery/artifacts';
import type { BackendChoice } from '@distillery/ml';

import type { Lease, ResumePoint } from '@distillery/db/lifecycle';
import type { LogItem } from '../metrics/log-sink.ts';
import type { MetricPoint } from '../metrics/types.ts';
import type { HostFacts } from '../system/host-facts.ts';

/** workerData of a job thread. */
export interface ThreadStart {
  kind: string;
  /** file:// URL of the handler module (exports `handle`). */
  handlerUrl: string;
  payload: unknown;
  lease: Lease;
  resume: ResumePoint | null;
  databaseUrl: string;
  /** How long the thread's database calls wait for an unavailable server. */
  outageWaitMs: number;
  artifacts: ArtifactStoreConfig;
  engine: EngineChoice;
  /** The runner's machine and code version, recorded on each run. */
  host: HostFacts;
  /** Folders FOLDER datasets may be read from. */
  datasetRoots: string[];
  /** Where dataset packs fetched by hash are cached. */
  datasetCacheDir: string;
}

/** Which step engine and tfjs backend training jobs use (the runner's ML_ENGINE / ML_NATIVE_CPU / ML_NATIVE_THREADS / ML_BACKEND). */
export interface EngineChoice {
  engine: 'auto' | 'native' | 'tfjs';
  nativeCpu: 'auto' | 'avx512' | 'avx2' | 'portable';
  /** Threads per native step; 0 or absent: the cores shared among the process's live jobs. */
  nativeThreads?: number;
  backend: BackendChoice;
}

/** A JSON value a summary may nest (e.g. the ensemble evaluation's diversity matrices). */
export type SummaryValue =
  number | string | boolean | null | SummaryValue[] | { [key: string]: SummaryValue };

/** What a handler returns: summary metrics and parameter count written to the run. */
export interface JobResult {
  summary: Record<string, SummaryValue>;
  parameterCount?: number;
}

/** Thread → main. */
export type ThreadMessage =
  | { type: 'metrics'; points: MetricPoint[] }
  | { type: 'logs'; lines: LogItem[] }
  | { type: 'flush'; id: number }
  | { type: 'done'; result: JobResult }
  | { type: 'failed'; code: string; reason: string }
  /** Booted (boot.mjs), before any job. */
  | { type: 'warm' }
  /** After a job's outcome and clean-up: why the thread should not run another, or null. */
  | { type: 'idle'; unfit: string | null };

/** Main → thread. */
export type MainMessage =
  | { type: 'start'; start: ThreadStart }
  /** Close the thread's database client and end the thread (after its current job, if any). */
  | { type: 'close' }
  | { type: 'cancel' }
  | { type: 'flushed'; id: number; error?: string };

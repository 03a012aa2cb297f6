import type { Prisma, PrismaClient } from '@distillery/db';

import type { ArtifactStore } from '@distillery/artifacts';
import type { Lease, ResumePoint } from '@distillery/db/lifecycle';
import type { HostFacts } from '../system/host-facts.ts';
import type { EngineChoice, JobResult } from '../threads/protocol.ts';

export type { JobResult } from '../threads/protocol.ts';

/** A checkpoint to persist at the end of an epoch. */
export interface CheckpointInput {
  epoch: number;
  step: number;
  bytes: Uint8Array;
  metrics?: Record<string, number>;
  teacherId?: string | null;
  /** Snapshot/FGE cycle index (0-based). */
  cycle?: number;
  kind?: 'EPOCH' | 'BEST' | 'FINAL' | 'SNAPSHOT' | 'FGE';
}

/** A job's console log: each line is stored on the run (cut and capped) and shown on its page. */
export interface JobLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What a handler sees of the runner: its lease, data access, metrics and artifacts. */
export interface JobContext {
  lease: Lease;
  /** Set when this attempt continues an interrupted one. */
  resume: ResumePoint | null;
  /** Read access (writes go through `fenced`). */
  prisma: PrismaClient;
  artifacts: ArtifactStore;
  /** The step engine and tfjs backend training jobs should use. */
  engine: EngineChoice;
  /** The runner's machine and code version (recorded on the run by `startEnvironment`). */
  host: HostFacts;
  /** Folders FOLDER datasets may be read from (DISTILLERY_DATASET_ROOTS). */
  datasetRoots: readonly string[];
  /** Where dataset packs fetched from the artifact store by content hash are cached. */
  datasetCacheDir: string;
  /** Aborted when the run is cancelled (the thread is terminated shortly after). */
  signal: AbortSignal;
  /** The run's console log (console.* in the job's thread is captured into it as well). */
  logger: JobLogger;
  /** Queue one metric value (sent in batches at least every second). */
  log(key: string, step: number, value: number): void;
  /** Send every queued metric now (called at each epoch end). */
  flush(): Promise<void>;
  /** Run writes in a transaction that holds the run's lease; throws when another attempt took over. */
  fenced<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T>;
  /** Flush metrics, store the bytes, record Artifact + Checkpoint rows (fenced). */
  saveCheckpoint(input: CheckpointInput): Promise<{ checkpointId: string; artifactId: string; uri: string }>;
}

/** A job kind's work, run inside its own worker thread. */
export type JobHandler<P> = (ctx: JobContext, payload: P) => Promise<JobResult>;

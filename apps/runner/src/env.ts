import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

import { BACKEND_CHOICES } from '@distillery/ml';

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every variable the runner reads (keys are checked against the deployments' config in test/infra). */
export const runnerEnvSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm start sets it)'),
  RUNNER_ID: z.string().min(1).optional(),
  /** Comma-separated queues this runner serves (`gpu`, `cpu`). */
  RUNNER_QUEUES: z.string().default('gpu,cpu'),
  RUNNER_CONCURRENCY: intFromEnv(1),
  /** `file:///abs/path` (default `<DISTILLERY_DATA_DIR>/artifacts`) or `s3://bucket/prefix`. */
  ARTIFACT_STORE: z.string().optional(),
  DISTILLERY_DATA_DIR: z.string().default('.data'),
  /** Folders FOLDER datasets may be read from (`:`-separated); defaults in @distillery/db/dataset-roots. */
  DISTILLERY_DATASET_ROOTS: z.string().optional(),
  /** Where dataset packs fetched from the artifact store are cached (default `<DISTILLERY_DATA_DIR>/cache/datasets`). */
  DISTILLERY_DATASET_CACHE: z.string().optional(),
  XDG_DATA_HOME: z.string().optional(),
  HOME: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** V8 heap limit of one job's worker thread; exceeding it fails the run with "out of memory". */
  RUNNER_JOB_MEMORY_MB: intFromEnv(4096),
  /** Lease renewal (and cancellation check) interval of a running job. */
  RUNNER_HEARTBEAT_MS: intFromEnv(1000),
  /** A RUNNING run whose heartbeat is older than this is taken from its runner (detection < stale + reap interval). */
  RUNNER_STALE_MS: intFromEnv(20_000),
  RUNNER_REAP_INTERVAL_MS: intFromEnv(5000),
  RUNNER_POLL_MS: intFromEnv(1000),
  /** Longest a logged metric point waits in the runner before it is written (the dashboard's latency budget). */
  RUNNER_METRIC_FLUSH_MS: intFromEnv(1000),
  /** The serving process (`npm run serve`): where it listens, how long a name@stage lookup is reused, how much it holds. */
  SERVE_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  SERVE_HOST: z.string().min(1).default('127.0.0.1'),
  SERVE_REFERENCE_TTL_MS: z.coerce.number().int().min(0).default(2000),
  SERVE_MODELS: intFromEnv(8),
  SERVE_MAX_BATCH: intFromEnv(64),
  SERVE_MAX_BODY_MB: intFromEnv(32),
  /** Training step engine: `auto` = the native engine when it is built and runs the network, else tfjs. */
  ML_ENGINE: z.enum(['auto', 'native', 'tfjs']).default('auto'),
  /** Force the native kernels' instruction set (the bench's AVX2-only figures, tests of the portable path). */
  ML_NATIVE_CPU: z.enum(['auto', 'avx512', 'avx2', 'portable']).default('auto'),
  /**
   * Threads of one native step; 0 = the cores shared among this process's live jobs. Two runner
   * processes on one machine each count only their own jobs, so each should be given its share.
   */
  ML_NATIVE_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  /** tfjs backend of job threads (`auto`: tfjs-node-gpu, tfjs-node, wasm, cpu — the first that starts). */
  ML_BACKEND: z.enum(BACKEND_CHOICES).default('auto'),
  /** Serve the `gpu` queue even when no GPU backend initialised (jobs then train on the CPU). */
  RUNNER_GPU_ALLOW_CPU: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** The code version recorded on runs where the deployment has no .git (else `git rev-parse HEAD`). */
  DISTILLERY_GIT_COMMIT: z.string().min(1).optional(),
  /** Connections of the runner's pool (queue + lifecycle); default concurrency + 3. Job threads add 2 each. */
  RUNNER_DB_POOL: z.coerce.number().int().min(3).max(100).optional(),
  /** How long database calls wait for an unavailable server before giving up (default 15 min). */
  RUNNER_DB_OUTAGE_MS: intFromEnv(15 * 60_000),
  /** Port of /healthz, /readyz and /metrics (0 = none). */
  RUNNER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Address of that port: loopback unless told otherwise (containers set 0.0.0.0). */
  RUNNER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** 1: human-readable log lines; else JSON lines. */
  DISTILLERY_LOG_PRETTY: z.enum(['0', '1']).default('0'),
});

/** The runner's validated environment (the only place it reads process.env). */
export type RunnerEnv = z.infer<typeof runnerEnvSchema>;

/** Parse the environment or throw one line naming the bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const parsed = runnerEnvSchema.safeParse(definedEnv(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

import type { MetricPoint } from '@distillery/domain';

/** One metric value of a run at a step; its home is @distillery/domain. */
export type { MetricPoint };

/** Where batches go: the shared lifecycle's `appendMetrics` (SqlMetricSink); tests wrap it. */
export interface MetricSink {
  /** Write points of the run held by `lease`; idempotent on (run, key, step); refused when fenced. */
  write(lease: { runId: string; attempt: number; runnerId: string }, points: MetricPoint[]): Promise<void>;
}

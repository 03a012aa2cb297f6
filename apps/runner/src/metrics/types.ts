/** One metric value of a run at a step (the unit `logMetrics` ingests). */
export interface MetricPoint {
  key: string;
  step: number;
  value: number;
  /** Epoch milliseconds when the value was measured. */
  wallTime: number;
}

/** Where batches go: the API's `logMetrics`, or the same idempotent SQL path. */
export interface MetricSink {
  /** Write points of the run held by `lease`; idempotent on (run, key, step); refused when fenced. */
  write(lease: { runId: string; attempt: number; runnerId: string }, points: MetricPoint[]): Promise<void>;
}

import type { MetricPoint } from './metric-point.ts';
import type { LogLevel } from './run-logs.ts';

/**
 * Typed topics: channel name → payload. Channels are Postgres NOTIFY channels (cross-process): the API
 * publishes and LISTENs on them, the runner publishes on them when it writes run state and metrics directly.
 */
export interface Topics {
  'distillery.run_updated': { projectId: string; runId: string; status: string };
  'distillery.metrics_appended': {
    projectId: string;
    runId: string;
    keys: string[];
    minStep: number;
    maxStep: number;
    count: number;
    /**
     * Inline points (MetricPoint as a tuple, to fit more under Postgres' 8 kB limit) when the
     * notification stays under it; else subscribers read the rows.
     */
    points?: [key: MetricPoint['key'], step: number, value: number, wallTime: number][];
  };
  /**
   * Console lines `fromSeq`..`toSeq` of a run were stored; `lines` inline (seq, attempt, level, epoch ms,
   * message) when the notification stays under the limit, else subscribers read the rows.
   */
  'distillery.run_logs_appended': {
    projectId: string;
    runId: string;
    fromSeq: number;
    toSeq: number;
    dropped: number;
    lines?: [seq: number, attempt: number, level: LogLevel, at: number, message: string][];
  };
  'distillery.job_queue': {
    projectId: string;
    runId: string;
    kind: string;
    action: 'ENQUEUED' | 'CLAIMED' | 'FINISHED' | 'CANCELLED';
    at: string;
  };
  /** Sessions or tokens ended (or every credential of a user): API replicas drop cached actors and close their sockets. */
  'distillery.credentials_revoked': { sessionIds?: string[]; tokenIds?: string[]; userIds?: string[] };
}

/** A topic name. */
export type Topic = keyof Topics;

/** Every topic (the listener subscribes to all of them). */
export const TOPICS: Topic[] = [
  'distillery.run_updated',
  'distillery.metrics_appended',
  'distillery.run_logs_appended',
  'distillery.job_queue',
  'distillery.credentials_revoked',
];

/** Postgres refuses NOTIFY payloads of 8,000 bytes or more. */
export const NOTIFY_LIMIT = 7_900;

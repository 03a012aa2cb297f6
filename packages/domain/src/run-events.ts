/**
 * The run history's vocabulary (RunEvent.type): one list for the API, the runner and the dashboard.
 * QUEUED: a job was enqueued (launch, retry). STARTED: an attempt was claimed from the start; RESUMED: it
 * was claimed after an interruption and continues from a checkpoint. INTERRUPTED: the attempt lost its
 * runner (heartbeat expired, shutdown, database outage) and the run went back to the queue. RUNNING: a
 * script's run began (createRun). SUCCEEDED/FAILED: the attempt ended. CANCELLED: someone asked the run
 * to stop; STOPPED: the runner holding it stopped the work afterwards.
 */
export const RUN_EVENT_TYPES = [
  'QUEUED',
  'STARTED',
  'RESUMED',
  'INTERRUPTED',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
  'STOPPED',
] as const;

/** One RunEvent.type. */
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** Run.status values after which a run never changes again (a retry queues it as a new attempt first). */
export const TERMINAL_RUN_STATUSES = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

/** A terminal Run.status. */
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];

/** Whether a run in `status` has ended. */
export function isTerminalRunStatus(status: string): status is TerminalRunStatus {
  return (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
}

// @distillery/db/lifecycle: the one run lifecycle. The in-process runner calls it on its own database
// connection; the API's runner operations (claimRun, heartbeat, reportRunStatus, logMetrics) call it
// for remote runners and scripts. Claim, heartbeat, fence, finish, hand back, expire, metric and
// console-log ingest and the notifications all live here, so both paths behave the same.
export {
  DEFAULT_STALE_MS,
  FencedError,
  inTransaction,
  lockLease,
  withLease,
  UTC_NOW,
  type Db,
  type HeldRun,
  type Lease,
  type LeaseKey,
} from './lease.ts';
export { claimRun, type ClaimOutcome, type ClaimRequest, type ResumePoint } from './claim-run.ts';
export { heartbeat, type HeartbeatOutcome } from './heartbeat.ts';
export {
  failQueuedRun,
  finishRun,
  releaseRun,
  reportProgress,
  type Finish,
  type Finished,
} from './finish-run.ts';
export { expireLease, findStaleRuns, type StaleRun } from './expire-lease.ts';
export {
  appendMetrics,
  checkMetricPoint,
  MAX_POINTS_PER_BATCH,
  normaliseMetricPoints,
  type Appended,
  type MetricWriter,
  type PointInput,
} from './append-metrics.ts';
export { appendRunLogs, normaliseLogLines, type LogLineInput, type LogsAppended } from './append-logs.ts';
export { notify, noticeTexts, notifyRunStatus } from './notify.ts';
export {
  beatRunner,
  LOST_AFTER_BEATS,
  registerRunner,
  runnerStateOf,
  STALE_AFTER_BEATS,
  stopRunnerRegistration,
  type RunnerFacts,
  type RunnerState,
} from './runner-presence.ts';

// Public API of @distillery/client: a typed GraphQL client for scripts and the CLI.
export { DistilleryClient, type ClientOptions } from './client.ts';
export { DistilleryApiError, isApiError, apiErrorFrom, type GraphqlErrorBody } from './errors.ts';
export {
  MetricLogger,
  type MetricLoggerOptions,
  type MetricLoggerStats,
  type MetricPoint,
  type SendBatch,
} from './metric-logger.ts';
export { withRetry, backoffMs, sleep, type RetryOptions } from './retry.ts';
export { IDEMPOTENT_MUTATIONS, isRetrySafe } from './http.ts';
export type { LiveSubscription } from './ws.ts';
export {
  configPath,
  readConfig,
  writeConfig,
  resolveConnection,
  DEFAULT_API_URL,
  type StoredConfig,
} from './config.ts';
export { getProject, listRuns, collect, getMetricHistory } from './helpers.ts';
export { followRun, TERMINAL_STATUSES, type FollowHandlers } from './follow-run.ts';
export * from './graphql/generated/graphql.ts';

// Public API of @distillery/client: the one typed GraphQL client of the dashboard, the CLI, scripts,
// benches and tests. Browser-safe; Node-only parts (config file, `ws`) are in `@distillery/client/node`.
export { DistilleryClient, type ClientOptions, type RequestOptions } from './client.ts';
export {
  apiErrorFrom,
  fieldErrors,
  formErrors,
  graphqlErrors,
  httpStatus,
  isTransient,
  toAppError,
  toAppErrorCode,
  type GraphqlErrorBody,
} from './errors.ts';
export {
  MetricLogger,
  type MetricLoggerOptions,
  type MetricLoggerStats,
  type MetricPoint,
  type MetricPointInput,
  type SendBatch,
} from './metric-logger.ts';
export { withRetry, backoffMs, sleep, type RetryOptions } from './retry.ts';
export { IDEMPOTENT_MUTATIONS, isRetrySafe, type ExecutionResult, type TokenSource } from './http.ts';
export {
  createWsClient,
  subscriptionError,
  toWsUrl,
  type LiveSubscription,
  type SubscriptionHandlers,
  type WsOptions,
} from './ws.ts';
export { getProject, listRuns, collect, getMetricHistory } from './helpers.ts';
export { followRun, TERMINAL_STATUSES, type FollowHandlers } from './follow-run.ts';
export { AppError, AppErrorCode, isAppError } from '@distillery/errors';
export type * from '@distillery/graphql-schema/types';
export * from './graphql/generated/graphql.ts';

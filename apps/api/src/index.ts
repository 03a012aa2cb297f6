export { buildServer, GRAPHQL_PATHS, type DistilleryServer, type ServerOptions } from './server.ts';
export { readApiEnv, apiEnvSchema, type ApiEnv } from './env.ts';
export { QUERY_LIMITS } from './limits/complexity.ts';
export { MAX_POINTS_PER_CALL } from './modules/metric/log-metrics.ts';

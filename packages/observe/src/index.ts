export { createLogger, errorFields, lineLogger, type Logger, type LoggerOptions } from './logger.ts';
export { Counter, createRegistry, Gauge, Histogram, Registry } from './metrics.ts';
export { startHealthServer, type Check, type HealthServerOptions } from './health-server.ts';

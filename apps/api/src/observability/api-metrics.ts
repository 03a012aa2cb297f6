import { Counter, createRegistry, Gauge, Histogram, type Registry } from '@distillery/observe';
import type pg from 'pg';

/** The API's Prometheus metrics (one registry per server, so tests can run several). */
export interface ApiMetrics {
  registry: Registry;
  operationSeconds: Histogram<'operation' | 'type'>;
  operationErrors: Counter<'operation' | 'code'>;
  wsConnections: Gauge;
  listenerReconnects: Counter;
}

/** Create the registry; pool figures are read from `pool` at scrape time. */
export function createApiMetrics(pool: pg.Pool): ApiMetrics {
  const registry = createRegistry('distillery_api_');
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  poolGauge(
    'distillery_api_db_pool_connections',
    'Open connections of the query pool',
    () => pool.totalCount,
  );
  poolGauge('distillery_api_db_pool_idle', 'Idle connections of the query pool', () => pool.idleCount);
  poolGauge(
    'distillery_api_db_pool_waiting',
    'Queries waiting for a pool connection',
    () => pool.waitingCount,
  );
  return {
    registry,
    operationSeconds: new Histogram({
      name: 'distillery_api_operation_seconds',
      help: 'GraphQL operation latency by operation name and type',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    operationErrors: new Counter({
      name: 'distillery_api_operation_errors_total',
      help: 'GraphQL errors by operation name and extensions.code',
      labelNames: ['operation', 'code'],
      registers: [registry],
    }),
    wsConnections: new Gauge({
      name: 'distillery_api_websocket_connections',
      help: 'Open graphql-ws connections',
      registers: [registry],
    }),
    listenerReconnects: new Counter({
      name: 'distillery_api_listener_reconnects_total',
      help: 'Times the LISTEN connection was re-established',
      registers: [registry],
    }),
  };
}

/** Operation names become a label: bound their length and alphabet so a client cannot blow up cardinality. */
export function operationLabel(name: string | null | undefined): string {
  return name && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'anonymous';
}

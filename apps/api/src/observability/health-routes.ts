import type { Router } from 'express';
import express from 'express';
import type pg from 'pg';

import type { PgPubSub } from '../pubsub/pg-pubsub.ts';
import type { ApiMetrics } from './api-metrics.ts';

/**
 * /healthz: the process answers (liveness; never touches the database, so an outage does not get the
 * API restarted). /readyz: the query pool reaches the database and the LISTEN connection is up
 * (readiness: take it out of the load balancer meanwhile). /metrics: Prometheus text.
 */
export function healthRoutes(pool: pg.Pool, pubsub: PgPubSub, metrics: ApiMetrics): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await pool
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    const listener = pubsub.isListening;
    const ok = database && listener;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database, listener });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

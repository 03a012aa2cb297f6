import { z } from 'zod';

/** Largest step a point may carry (int4). */
export const MAX_STEP = 2_147_483_647;
/** Metric keys: 1–200 characters without control characters. */
export const METRIC_KEY = /^[^\u0000-\u001f]{1,200}$/;

/**
 * One metric value of a run at a step: the unit a runner logs, `logMetrics` ingests, the database
 * stores and `metricsAppended` delivers. `wallTime` is epoch milliseconds (GraphQL carries it as a
 * DateTime; the NOTIFY payload as the fourth element of a tuple).
 */
export const metricPointSchema = z.object({
  key: z.string().regex(METRIC_KEY, 'must be 1–200 characters without control characters'),
  step: z.number().int().min(0).max(MAX_STEP),
  value: z.number(),
  wallTime: z.number(),
});
/** A metric point. */
export type MetricPoint = z.infer<typeof metricPointSchema>;

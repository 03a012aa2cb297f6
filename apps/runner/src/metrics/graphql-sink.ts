import { AppError, AppErrorCode } from '@distillery/errors';

import { FencedError } from '../execution/lease.ts';
import type { MetricPoint, MetricSink } from './types.ts';

const LOG_METRICS = `mutation LogMetrics($runId: ID!, $attempt: Int, $points: [MetricPointInput!]!) {
  logMetrics(runId: $runId, attempt: $attempt, points: $points) { accepted }
}`;

/**
 * Sends batches to the API's `logMetrics` (idempotent on run+key+step, fenced by attempt), so graphql-ws
 * subscribers see points as they arrive. A refused attempt (CONFLICT) surfaces as FencedError.
 */
export class GraphqlMetricSink implements MetricSink {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async write(
    lease: { runId: string; attempt: number; runnerId: string },
    points: MetricPoint[],
  ): Promise<void> {
    if (points.length === 0) return;
    const body = JSON.stringify({
      query: LOG_METRICS,
      variables: {
        runId: lease.runId,
        attempt: lease.attempt,
        points: points.map((p) => ({
          key: p.key,
          step: p.step,
          value: p.value,
          wallTime: new Date(p.wallTime).toISOString(),
        })),
      },
    });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body,
    });
    const json = (await res.json().catch(() => null)) as {
      errors?: { message: string; extensions?: { code?: string } }[];
    } | null;
    const error = json?.errors?.[0];
    if (error?.extensions?.code === 'CONFLICT') throw new FencedError({ ...lease, projectId: '' });
    if (!res.ok || error || !json) {
      throw new AppError(
        AppErrorCode.INTERNAL,
        `logMetrics failed (HTTP ${res.status}): ${error?.message ?? 'no response body'}`,
      );
    }
  }
}

import type { PrismaClient } from '@distillery/db';
import { Counter, createRegistry, Gauge, Histogram, type Registry } from '@distillery/observe';

import type { MetricPoint, MetricSink } from '../metrics/types.ts';

/** The runner's Prometheus metrics. */
export interface RunnerMetrics {
  registry: Registry;
  jobSeconds: Histogram<'task' | 'outcome'>;
  samplesPerSecond: Gauge;
  /** Job threads booted, reused for another job, retired (threads/job-thread-handle.ts). */
  jobThreadEvents: Counter<'event'>;
}

/** Create the registry; the queue depth is counted at scrape time (the last figure is kept during an outage). */
export function createRunnerMetrics(prisma: PrismaClient): RunnerMetrics {
  const registry = createRegistry('distillery_runner_');
  let depth = 0;
  new Gauge({
    name: 'distillery_runner_queue_depth',
    help: 'Jobs waiting in the queue (all runners), counted when scraped',
    registers: [registry],
    async collect() {
      depth = await prisma.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_at IS NULL AND attempts < max_attempts`
        .then((r) => Number(r[0]?.n ?? 0))
        .catch(() => depth);
      this.set(depth);
    },
  });
  return {
    registry,
    jobSeconds: new Histogram({
      name: 'distillery_runner_job_seconds',
      help: 'Time a job spent in this runner, by task and outcome',
      labelNames: ['task', 'outcome'],
      buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
      registers: [registry],
    }),
    samplesPerSecond: new Gauge({
      name: 'distillery_runner_samples_per_second',
      help: 'Training throughput last reported by a job of this runner',
      registers: [registry],
    }),
    jobThreadEvents: new Counter({
      name: 'distillery_runner_job_thread_events_total',
      help: 'Job threads booted, reused for another job, and retired',
      labelNames: ['event'],
      registers: [registry],
    }),
  };
}

/** A sink that also feeds the throughput gauge from the points it forwards. */
export function observingSink(sink: MetricSink, metrics: RunnerMetrics): MetricSink {
  return {
    write(lease, points: MetricPoint[]) {
      for (const p of points) if (p.key === 'samples_per_sec') metrics.samplesPerSecond.set(p.value);
      return sink.write(lease, points);
    },
  };
}

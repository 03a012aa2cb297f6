// The runner's one production path for metrics: the shared lifecycle's `appendMetrics`
// (@distillery/db/lifecycle, the same call the API's `logMetrics` makes) straight into PostgreSQL. It
// validates the batch (a non-finite value refuses it with BAD_USER_INPUT), checks the lease in the same
// transaction (FOR SHARE, so a fenced attempt writes nothing), upserts the points with their rollup
// cells and NOTIFYs graphql-ws subscribers on commit.
import type { PrismaClient } from '@distillery/db';
import { appendMetrics } from '@distillery/db/lifecycle';
import { prismaQuery } from '@distillery/db';

import type { MetricPoint, MetricSink } from './types.ts';

/** Writes batches straight into PostgreSQL through the shared lifecycle. */
export class SqlMetricSink implements MetricSink {
  constructor(private readonly prisma: PrismaClient) {}

  async write(
    lease: { runId: string; attempt: number; runnerId: string },
    points: MetricPoint[],
  ): Promise<void> {
    if (points.length === 0) return;
    await this.prisma.$transaction((tx) => appendMetrics(prismaQuery(tx), { lease }, points));
  }
}

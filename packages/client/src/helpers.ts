// Helpers for the queries scripts run most: resolve a project, page through runs, fetch a series.
import { AppError, AppErrorCode } from '@distillery/errors';

import type { RunFilter, RunOrder } from '@distillery/graphql-schema/types';

import type { DistilleryClient } from './client.ts';
import {
  MetricSeriesDocument,
  ProjectDocument,
  RunsDocument,
  type ProjectQuery,
  type RunFieldsFragment,
} from './graphql/generated/graphql.ts';

/** A project, found by id or slug; NOT_FOUND names what was asked for. */
export async function getProject(
  client: DistilleryClient,
  idOrSlug: string,
): Promise<NonNullable<ProjectQuery['project']>> {
  const { project } = await client.request(ProjectDocument, { id: idOrSlug });
  if (!project)
    throw new AppError(AppErrorCode.NOT_FOUND, `project ${idOrSlug} does not exist or you are not a member`);
  return project;
}

/** Every run of a project matching `filter`, page by page (200 per request). */
export async function* listRuns(
  client: DistilleryClient,
  projectId: string,
  options: { filter?: RunFilter; orderBy?: RunOrder; limit?: number } = {},
): AsyncGenerator<RunFieldsFragment> {
  let after: string | null = null;
  let left = options.limit ?? Infinity;
  while (left > 0) {
    const {
      runs,
    }: {
      runs: {
        edges: { node: RunFieldsFragment }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await client.request(RunsDocument, {
      projectId,
      first: Math.min(200, left),
      ...(after ? { after } : {}),
      ...(options.filter ? { filter: options.filter } : {}),
      ...(options.orderBy ? { orderBy: options.orderBy } : {}),
    });
    for (const e of runs.edges) {
      if (left-- <= 0) return;
      yield e.node;
    }
    if (!runs.pageInfo.hasNextPage || !runs.pageInfo.endCursor) return;
    after = runs.pageInfo.endCursor;
  }
}

/** Collect an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** One series as (step, value) pairs; `exact` is false when the API had to downsample to 5,000 buckets. */
export async function getMetricHistory(
  client: DistilleryClient,
  runId: string,
  key: string,
): Promise<{ key: string; exact: boolean; points: { step: number; value: number }[] }> {
  const { metricSeries } = await client.request(MetricSeriesDocument, { runId, key, buckets: 5000 });
  return {
    key,
    exact: metricSeries.exact,
    points: metricSeries.points.map((p) => ({ step: p.step, value: p.last })),
  };
}

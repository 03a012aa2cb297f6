'use client';
import { toAppError } from '@distillery/client';
import type { RunFilter, RunOrder } from '@distillery/graphql-schema/types';
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';

import { RunsDocument, type RunRowFragment, type RunsQuery } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';

// The first page fills a tall screen (rows are 34 px); later pages are the API's maximum.
const FIRST_PAGE = 60;
const PAGE = 200;
/** Most runs a grouped view aggregates (it needs every filtered run, not the rows on screen). */
export const GROUP_MAX_RUNS = 10_000;

type Pages = InfiniteData<RunsQuery, string | null>;

/**
 * Keyset-paged runs for the table (TanStack infinite query): the first page on filter/sort change,
 * more on demand, or with `all` every page up to GROUP_MAX_RUNS (grouping aggregates all of them).
 */
export function useRunPages(
  projectId: string,
  filter: RunFilter | null,
  order: RunOrder,
  { all = false, enabled = true }: { all?: boolean; enabled?: boolean } = {},
) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(
    () => ['RunsPages', projectId, filter, order, all],
    [projectId, filter, order, all],
  );
  const q = useInfiniteQuery({
    queryKey,
    enabled: enabled && projectId !== '',
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      browserClient().send(
        RunsDocument,
        {
          projectId,
          filter: filter ?? undefined,
          orderBy: order,
          first: pageParam || all ? PAGE : FIRST_PAGE,
          after: pageParam ?? undefined,
        },
        { signal },
      ),
    getNextPageParam: (last) => (last.runs.pageInfo.hasNextPage ? last.runs.pageInfo.endCursor : undefined),
  });
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.runs.edges.map((e) => e.node)) ?? [], [q.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage, refetch } = q;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);
  const failed = q.isError;
  useEffect(() => {
    if (all && !failed && rows.length < GROUP_MAX_RUNS) loadMore();
  }, [all, failed, rows.length, loadMore]);
  /** Apply a live update (status, summary, tags) to a loaded row, in the cache. */
  const patch = useCallback(
    (update: Partial<RunRowFragment> & { id: string }) =>
      queryClient.setQueryData<Pages>(queryKey, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                runs: {
                  ...p.runs,
                  edges: p.runs.edges.map((e) =>
                    e.node.id === update.id ? { ...e, node: { ...e.node, ...update } } : e,
                  ),
                },
              })),
            }
          : data,
      ),
    [queryClient, queryKey],
  );
  return {
    rows,
    total: q.data?.pages.at(-1)?.runs.totalCount ?? 0,
    error: q.error ? toAppError(q.error) : undefined,
    loading: q.isFetching,
    /** Every page is in (or the grouping bound reached). */
    complete: q.isSuccess && (!hasNextPage || rows.length >= GROUP_MAX_RUNS),
    loadMore,
    patch,
    reload: () => void refetch(),
  };
}

'use client';
import type { RunFilter, RunOrder } from '@distillery/graphql-schema/types';
import { useCallback, useEffect, useRef, useState } from 'react';

import { RunsDocument, type RunRowFragment } from '../../graphql/generated/graphql.ts';
import { useConfig } from '../../lib/config.tsx';
import { ApiError } from '../../lib/graphql/errors.ts';
import { request } from '../../lib/graphql/transport.ts';
import { readToken } from '../../lib/session.ts';

// The first page fills a tall screen (rows are 34 px); later pages are the API's maximum.
const FIRST_PAGE = 60;
const PAGE = 200;

/** Keyset-paged runs for the table: the first page on filter/sort change, more on demand. */
export function useRunPages(projectId: string, filter: RunFilter | null, order: RunOrder) {
  const { apiUrl } = useConfig();
  const [rows, setRows] = useState<RunRowFragment[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(true);
  const cursor = useRef<{ after: string | null; more: boolean; busy: boolean; gen: number }>({
    after: null,
    more: false,
    busy: false,
    gen: 0,
  });
  const key = JSON.stringify([projectId, filter, order]);

  const load = useCallback(
    async (reset: boolean) => {
      const c = cursor.current;
      if (!reset && (c.busy || !c.more)) return;
      const gen = reset ? c.gen + 1 : c.gen;
      c.gen = gen;
      c.busy = true;
      setLoading(true);
      try {
        const res = await request(apiUrl, readToken(), RunsDocument, {
          projectId,
          filter: filter ?? undefined,
          orderBy: order,
          first: reset ? FIRST_PAGE : PAGE,
          after: reset ? undefined : (c.after ?? undefined),
        });
        if (cursor.current.gen !== gen) return;
        const page = res.runs.edges.map((e) => e.node);
        setRows((prev) => (reset ? page : [...prev, ...page]));
        setTotal(res.runs.totalCount);
        setError(undefined);
        c.after = res.runs.pageInfo.endCursor;
        c.more = res.runs.pageInfo.hasNextPage;
      } catch (e) {
        if (cursor.current.gen === gen)
          setError(
            e instanceof ApiError
              ? e
              : new ApiError([{ message: String(e), code: 'INTERNAL', field: undefined }]),
          );
      } finally {
        if (cursor.current.gen === gen) {
          c.busy = false;
          setLoading(false);
        }
      }
    },
    // the key stands for projectId, filter and order
    [apiUrl, key],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  const loadMore = useCallback(() => void load(false), [load]);
  /** Apply a live update (status, summary, tags) to a loaded row. */
  const patch = useCallback((update: Partial<RunRowFragment> & { id: string }) => {
    setRows((prev) => {
      const i = prev.findIndex((r) => r.id === update.id);
      if (i < 0) return prev;
      const next = prev.slice();
      next[i] = { ...prev[i]!, ...update };
      return next;
    });
  }, []);
  return { rows, total, error, loading, loadMore, patch, reload: () => load(true) };
}

'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

import { readRunsView, type RunsViewState, writeRunsView } from './runs-view-state.ts';

/**
 * The runs page's view, read from and written to its URL (Next's search params): filters, sort,
 * columns and grouping push a history entry (Back returns to the previous view), the selection
 * replaces the current one (ticking boxes should not fill the history).
 */
export function useRunsView(): [RunsViewState, (patch: Partial<RunsViewState>) => void] {
  const q = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const search = q.toString();
  const view = useMemo(() => readRunsView(new URLSearchParams(search)), [search]);
  const update = useCallback(
    (patch: Partial<RunsViewState>) => {
      const next = writeRunsView({ ...readRunsView(new URLSearchParams(window.location.search)), ...patch });
      if (next === window.location.search || (next === '' && window.location.search === '')) return;
      const onlySelection = Object.keys(patch).every((k) => k === 'selected');
      if (onlySelection) router.replace(path + next, { scroll: false });
      else router.push(path + next, { scroll: false });
    },
    [router, path],
  );
  return [view, update];
}

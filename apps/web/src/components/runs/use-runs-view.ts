'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { readRunsView, type RunsViewState, writeRunsView } from './runs-view-state.ts';

/**
 * The runs page's view, read from and written to its URL (Next's search params): filters, sort,
 * columns and grouping push a history entry (Back returns to the previous view), the selection
 * replaces the current one (ticking boxes should not fill the history).
 *
 * The router shows a new URL a moment after it is asked for. Until it does, the view asked for is
 * shown (a ticked box stays ticked), and the next change builds on it: two boxes ticked in quick
 * succession are both kept. A URL the page did not ask for (Back, a link) is shown as it is.
 */
export function useRunsView(): [RunsViewState, (patch: Partial<RunsViewState>) => void] {
  const q = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const search = q.toString();
  const [pending, setPending] = useState<string | null>(null);
  // Search strings asked for and not yet shown by the router, oldest first.
  const inFlight = useRef<string[]>([]);
  useEffect(() => {
    const at = inFlight.current.indexOf(search);
    if (at >= 0) inFlight.current = inFlight.current.slice(at + 1);
    else inFlight.current = [];
    if (inFlight.current.length === 0) setPending(null);
  }, [search]);
  const shown = pending ?? search;
  const view = useMemo(() => readRunsView(new URLSearchParams(shown)), [shown]);
  const update = useCallback(
    (patch: Partial<RunsViewState>) => {
      const base = inFlight.current.at(-1) ?? window.location.search.replace(/^\?/, '');
      const next = writeRunsView({ ...readRunsView(new URLSearchParams(base)), ...patch });
      const target = next.replace(/^\?/, '');
      if (target === base) return;
      inFlight.current = [...inFlight.current, target];
      setPending(target);
      const onlySelection = Object.keys(patch).every((k) => k === 'selected');
      if (onlySelection) router.replace(path + next, { scroll: false });
      else router.push(path + next, { scroll: false });
    },
    [router, path],
  );
  return [view, update];
}

'use client';
import { AppErrorCode, isAppError, isTransient } from '@distillery/client';
import { QueryCache, QueryClient, type Query } from '@tanstack/react-query';

import { endSession, readToken } from '../session.ts';

// Unused results are dropped after this long, and at most MAX_ENTRIES are kept: the cache stays
// bounded however many runs, filters and pages a lab browses in a day.
const GC_TIME_MS = 5 * 60_000;
const MAX_ENTRIES = 200;

/** Pages anyone may open: a stale session there is dropped, and the page carries on signed out. */
const PUBLIC_PAGES = ['/sign-in', '/invite', '/reset'];

let ending: Promise<void> | null = null;

/**
 * The API no longer knows the session (expired, revoked, the user disabled): drop its cookies (they
 * would make every further call fail, anonymous ones included), then send the browser to sign-in
 * keeping where it was, or, on a public page, load it again without the session (its one-time
 * token stays in the URL fragment).
 */
export function signInAgain(): void {
  const hadSession = readToken() !== null;
  ending ??= endSession().finally(() => (ending = null));
  void ending.then(() => {
    if (PUBLIC_PAGES.some((p) => window.location.pathname.startsWith(p))) {
      // Only a dropped session can make a public page's calls succeed now (no reload loop).
      if (hadSession) window.location.reload();
      return;
    }
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.replace(`/sign-in?next=${next}`);
  });
}

/** Drop the oldest idle entries (nothing observes or fetches them) once the cache holds more than MAX_ENTRIES. */
function prune(cache: QueryCache, added: Query): void {
  const all = cache.getAll();
  if (all.length <= MAX_ENTRIES) return;
  const idle = all
    .filter((q) => q !== added && q.getObserversCount() === 0 && q.state.fetchStatus === 'idle')
    .sort((a, b) => a.state.dataUpdatedAt - b.state.dataUpdatedAt);
  for (const q of idle.slice(0, all.length - MAX_ENTRIES)) cache.remove(q);
}

/**
 * The dashboard's TanStack Query cache over @distillery/client: identical queries in flight are sent
 * once, results are shared and bounded, transient failures (network, 502–504, rate limits) are
 * retried twice, every mutation invalidates what is cached (see useGqlMutation), and an
 * UNAUTHENTICATED answer ends the session.
 */
export function createQueryClient(): QueryClient {
  const queryCache = new QueryCache({
    onError: (e) => {
      if (isAppError(e) && e.code === AppErrorCode.UNAUTHENTICATED) signInAgain();
    },
  });
  queryCache.subscribe((event) => {
    if (event.type === 'added') prune(queryCache, event.query);
  });
  return new QueryClient({
    queryCache,
    defaultOptions: {
      queries: {
        gcTime: GC_TIME_MS,
        // Pages refetch on mount (as before) but share one request; live data arrives by subscription.
        staleTime: 0,
        refetchOnWindowFocus: false,
        retry: (failures, e) => failures < 2 && isTransient(e),
      },
      mutations: { retry: false },
    },
  });
}

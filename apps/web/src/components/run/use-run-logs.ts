'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useCallback, useEffect, useState } from 'react';

import {
  RunLogAppendedDocument,
  RunLogsDocument,
  type RunLogLineRowFragment,
} from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { useSubscription } from '../../lib/graphql/hooks.ts';
import type { LiveState } from '../../lib/graphql/live-state.ts';

/** Lines per page loaded (the tail first, then earlier pages on request). */
const PAGE = 200;
/** Most lines the console keeps in the browser; older ones are paged back in on request. */
const KEEP = 5_000;

/** A run's console as the run page shows it. */
export interface RunLogs {
  lines: RunLogLineRowFragment[];
  /** Lines the run holds, and the lines its cap dropped. */
  total: number;
  dropped: number;
  truncated: number;
  /** Earlier lines exist than those shown. */
  hasBefore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  error: AppError | undefined;
  live: LiveState;
  loadOlder: () => void;
}

// Merge by seq: a line that arrives twice (page and stream) is kept once, in seq order.
function merge(a: RunLogLineRowFragment[], b: RunLogLineRowFragment[]): RunLogLineRowFragment[] {
  const bySeq = new Map<number, RunLogLineRowFragment>();
  for (const l of a) bySeq.set(l.seq, l);
  for (const l of b) bySeq.set(l.seq, l);
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}

/**
 * A run's console log: the last page, then live lines from `runLogAppended` from the last seq loaded
 * (a reconnect re-sends the cursor, so the gap is backfilled), and earlier pages on request. At most
 * KEEP lines stay in memory: live output pushes the oldest out (they can be paged back in).
 */
export function useRunLogs(runId: string, live: boolean): RunLogs {
  const [lines, setLines] = useState<RunLogLineRowFragment[]>([]);
  const [counts, setCounts] = useState({ total: 0, dropped: 0, truncated: 0 });
  const [afterSeq, setAfterSeq] = useState<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<AppError | undefined>();

  useEffect(() => {
    let cancelled = false;
    browserClient()
      .send(RunLogsDocument, { id: runId, limit: PAGE })
      .then(
        (d) => {
          if (cancelled || !d.run) return;
          const page = d.run.logs;
          setLines((prev) => merge(page.lines, prev));
          setCounts({ total: page.total, dropped: page.dropped, truncated: page.truncated });
          setAfterSeq(page.lines.at(-1)?.seq ?? 0);
        },
        (e: unknown) => !cancelled && setError(toAppError(e)),
      );
    return () => {
      cancelled = true;
    };
  }, [runId]);

  const state = useSubscription(
    RunLogAppendedDocument,
    live && afterSeq !== null ? { runId, afterSeq } : null,
    (d, vars) => {
      const batch = d.runLogAppended;
      const last = batch.lines.at(-1)?.seq;
      if (last !== undefined) vars.afterSeq = Math.max(vars.afterSeq ?? 0, last);
      setLines((prev) => {
        const next = merge(prev, batch.lines);
        return next.length > KEEP ? next.slice(next.length - KEEP) : next;
      });
      setCounts((c) => ({
        ...c,
        total: Math.max(c.total, last ?? 0),
        dropped: c.dropped + batch.dropped,
      }));
    },
    setError,
  );

  const first = lines[0]?.seq;
  const loadOlder = useCallback(() => {
    if (first === undefined) return;
    setLoadingOlder(true);
    browserClient()
      .send(RunLogsDocument, { id: runId, before: first, limit: PAGE })
      .then(
        (d) => {
          if (!d.run) return;
          const older = d.run.logs.lines;
          setLines((prev) => merge(older, prev));
        },
        (e: unknown) => setError(toAppError(e)),
      )
      .finally(() => setLoadingOlder(false));
  }, [runId, first]);

  // Seqs are contiguous from 1, so lines before the first one shown exist exactly when it is not 1.
  const hasBefore = (first ?? 1) > 1;
  return {
    lines,
    ...counts,
    hasBefore,
    loaded: afterSeq !== null,
    loadingOlder,
    error,
    live: state,
    loadOlder,
  };
}

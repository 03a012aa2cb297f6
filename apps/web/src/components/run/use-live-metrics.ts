'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';

import { MetricSeriesDocument, MetricsAppendedDocument } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { operationKey, useSubscription } from '../../lib/graphql/hooks.ts';
import type { LiveState } from '../../lib/graphql/live-state.ts';
import { fromBuckets, mergePoints, type SeriesCols } from './series-store.ts';

/** A run's metrics as the run page shows them. */
export interface LiveMetrics {
  series: Record<string, SeriesCols>;
  live: LiveState;
  /** The history of every key is in (live points follow). */
  loaded: boolean;
  /** Why the history (or the live stream) failed; the charts show it instead of loading forever. */
  error: AppError | undefined;
  /** Load the history again after an error. */
  retry: () => void;
}

/**
 * A run's metrics: downsampled history per key (≤ 1,000 buckets, through the query cache, so a
 * request in flight is shared and transient failures are retried), then live points from
 * `metricsAppended`. The subscription starts from the last step loaded and its `sinceStep` follows
 * every point received, so a reconnect backfills exactly the gap. A failure ends the loading state
 * with the error and a retry.
 */
export function useLiveMetrics(
  runId: string,
  keys: readonly string[] | undefined,
  live: boolean,
): LiveMetrics {
  const queryClient = useQueryClient();
  const [series, setSeries] = useState<Record<string, SeriesCols>>({});
  const [loadedStep, setLoadedStep] = useState<number | null>(null);
  const [error, setError] = useState<AppError | undefined>();
  const [attempt, setAttempt] = useState(0);
  const keysKey = keys?.join('\u0000');

  useEffect(() => {
    if (!keys) return;
    let cancelled = false;
    setError(undefined);
    // A retry also restarts the live stream (it may be what failed) from the history it reloads.
    if (attempt > 0) setLoadedStep(null);
    const load = (key: string) => {
      const vars = { runId, key, buckets: 1000 };
      return queryClient.fetchQuery({
        queryKey: operationKey(MetricSeriesDocument, vars),
        queryFn: ({ signal }) => browserClient().send(MetricSeriesDocument, vars, { signal }),
      });
    };
    Promise.all(keys.map(load)).then(
      (all) => {
        if (cancelled) return;
        const next: Record<string, SeriesCols> = {};
        let last = -1;
        for (const r of all) {
          next[r.metricSeries.key] = fromBuckets(r.metricSeries.points);
          last = Math.max(last, r.metricSeries.points.at(-1)?.step ?? -1);
        }
        setSeries((prev) => {
          // Live points that arrived while loading win over the (older) history.
          for (const [k, s] of Object.entries(prev))
            next[k] = mergePoints(
              next[k],
              s.steps.map((step, i) => ({ step, value: s.last[i]! })),
            );
          return next;
        });
        setLoadedStep(last);
      },
      (e: unknown) => {
        if (!cancelled) setError(toAppError(e));
      },
    );
    return () => {
      cancelled = true;
    };
    // keysKey stands for keys
  }, [queryClient, runId, keysKey, attempt]);

  const state: LiveState = useSubscription(
    MetricsAppendedDocument,
    live && loadedStep !== null ? { runId, sinceStep: loadedStep } : null,
    (d, vars) => {
      const byKey = new Map<string, { step: number; value: number }[]>();
      for (const p of d.metricsAppended.points) {
        byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
        vars.sinceStep = Math.max(vars.sinceStep ?? -1, p.step);
      }
      setSeries((prev) => {
        const next = { ...prev };
        for (const [k, pts] of byKey) next[k] = mergePoints(prev[k], pts);
        return next;
      });
    },
    setError,
  );
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { series, live: state, loaded: loadedStep !== null, error, retry };
}

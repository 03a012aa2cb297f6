'use client';
import { useEffect, useState } from 'react';

import { MetricSeriesDocument, MetricsAppendedDocument } from '../../graphql/generated/graphql.ts';
import { useConfig } from '../../lib/config.tsx';
import { useSubscription } from '../../lib/graphql/hooks.ts';
import type { LiveState } from '../../lib/graphql/ws.ts';
import { request } from '../../lib/graphql/transport.ts';
import { readToken } from '../../lib/session.ts';
import { fromBuckets, mergePoints, type SeriesCols } from './series-store.ts';

/**
 * A run's metrics: downsampled history per key (≤ 1,000 buckets), then live points from
 * `metricsAppended`. The subscription starts from the last step loaded and its `sinceStep`
 * follows every point received, so a reconnect backfills exactly the gap.
 */
export function useLiveMetrics(runId: string, keys: readonly string[] | undefined, live: boolean) {
  const { apiUrl } = useConfig();
  const [series, setSeries] = useState<Record<string, SeriesCols>>({});
  const [loadedStep, setLoadedStep] = useState<number | null>(null);
  const keysKey = keys?.join('\u0000');

  useEffect(() => {
    if (!keys) return;
    let cancelled = false;
    void Promise.all(
      keys.map((key) => request(apiUrl, readToken(), MetricSeriesDocument, { runId, key, buckets: 1000 })),
    ).then((all) => {
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
    });
    return () => {
      cancelled = true;
    };
    // keysKey stands for keys
  }, [apiUrl, runId, keysKey]);

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
  );
  return { series, live: state, loaded: loadedStep !== null };
}

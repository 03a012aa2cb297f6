'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';

import { CompareRunsDocument, CompareRunsLinesDocument } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { operationKey } from '../../lib/graphql/hooks.ts';
import { ChartControls, type ChartSettings } from '../charts/chart-controls.tsx';
import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { fromBuckets, type SeriesCols, stepsToEpochs } from '../run/series-store.ts';
import { QueryError } from '../shell/query-error.tsx';
import { aggregateCurves, type BandKind, type Curve } from './aggregate.ts';
import type { FactGroup } from './group-by-fact.ts';
import type { CompareRun } from './runs-by-ids.ts';

/** One run's series as loaded: min/max only when the chart draws bands. */
interface LoadedSeries {
  runId: string;
  key: string;
  points: readonly { step: number; last: number; min?: number; max?: number }[];
}

/** Aggregated curves: by which key, the groups (null until the runs' facts are known) and the band. */
export interface Grouping {
  key: string;
  groups: readonly FactGroup[] | null;
  band: BandKind;
}

/** Fewer buckets per line as lines multiply (W&B draws grouped lines from 250): 10 runs → 1,000, 100 → 250. */
export function bucketsFor(runCount: number): number {
  return Math.max(200, Math.min(1000, Math.floor(25_000 / Math.max(1, runCount))));
}

// Runs per compareRuns request: the API reads a request's series a few at a time, so several
// requests in flight finish sooner than one large one.
const CHUNK = 25;
// Up to this many runs a chart shows each run's min/max band; beyond, bands would be a blur.
const BAND_RUNS = 5;

/**
 * One chart per metric key, one line per run (or, grouped, one mean line and band per group). Series are fetched per key in chunks of runs, all in
 * flight at once, and need only the ids: the page can start them before it knows the runs' names.
 */
export function CompareCharts({
  ids,
  runs,
  keys,
  epochAvailable,
  grouping,
  onFirstComplete,
  controls,
}: {
  ids: readonly string[];
  runs: readonly CompareRun[] | null;
  keys: readonly string[];
  /** Some run logs `epoch` (the x axis may be epochs). */
  epochAvailable: boolean;
  grouping: Grouping | null;
  onFirstComplete?: () => void;
  /** Extra controls for the toolbar (grouping). */
  controls?: React.ReactNode;
}) {
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<ChartSettings>({ smoothing: 0, logY: false, xKind: 'step' });
  const [data, setData] = useState<Record<string, { series: LoadedSeries[]; pending: number }>>({});
  const [error, setError] = useState<AppError | undefined>();
  const requested = useRef(new Set<string>());
  const idsKey = ids.join(',');

  useEffect(() => {
    requested.current = new Set();
    setData({});
  }, [idsKey]);

  const firstKey = keys[0];
  const firstComplete = firstKey !== undefined && data[firstKey]?.pending === 0;
  useEffect(() => {
    if (firstComplete) onFirstComplete?.();
  }, [firstComplete, onFirstComplete]);
  const fetchKeys = settings.xKind === 'epoch' ? [...keys, 'epoch'] : keys;
  useEffect(() => {
    const buckets = bucketsFor(ids.length);
    for (const key of fetchKeys) {
      if (requested.current.has(key)) continue;
      requested.current.add(key);
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
      setData((d) => ({ ...d, [key]: { series: [], pending: chunks.length } }));
      for (const chunk of chunks) {
        const vars = { ids: chunk, keys: [key], buckets };
        // Through the query cache: a chunk asked for twice (a key toggled back) is fetched once.
        const doc = ids.length <= BAND_RUNS ? CompareRunsDocument : CompareRunsLinesDocument;
        const load: Promise<LoadedSeries[]> = queryClient
          .fetchQuery({
            queryKey: operationKey(doc, vars),
            queryFn: ({ signal }) => browserClient().send(doc, vars, { signal }),
          })
          .then((r) => r.compareRuns);
        load.then(
          (r) =>
            setData((d) => ({
              ...d,
              [key]: {
                series: [...(d[key]?.series ?? []), ...r],
                pending: (d[key]?.pending ?? 1) - 1,
              },
            })),
          (e: unknown) => setError(toAppError(e)),
        );
      }
    }
  }, [queryClient, idsKey, fetchKeys.join('|')]);

  // Colours follow the order of the ids in the URL, so a run keeps its colour on every chart.
  const names = useMemo(() => {
    const byId = new Map((runs ?? []).map((r) => [r.id, r.name]));
    return new Map(
      ids.map((id, i) => [id, { name: byId.get(id) ?? id.slice(0, 8), color: seriesColor(i), order: i }]),
    );
  }, [ids, runs]);
  const bands = ids.length <= BAND_RUNS || grouping !== null;
  // x = epoch: each run's steps mapped through its own logged `epoch` metric.
  const epochs = useMemo(() => {
    if (settings.xKind !== 'epoch') return null;
    return new Map(
      (data.epoch?.series ?? []).map((s) => [
        s.runId,
        fromBuckets(s.points.map((p) => ({ step: p.step, last: p.last, min: p.last, max: p.last }))),
      ]),
    );
  }, [settings.xKind, data.epoch]);
  return (
    <>
      <ChartControls value={settings} onChange={setSettings} epochAvailable={epochAvailable}>
        {controls}
      </ChartControls>
      <QueryError error={error} />
      <div className="grid-2">
        {keys.map((key) => (
          <CompareChart
            key={key}
            metric={key}
            state={data[key]}
            names={names}
            settings={settings}
            bands={bands}
            epochs={epochs}
            grouping={grouping}
          />
        ))}
      </div>
    </>
  );
}

function CompareChart({
  metric,
  state,
  names,
  settings,
  bands,
  epochs,
  grouping,
}: {
  epochs: Map<string, SeriesCols> | null;
  metric: string;
  state: { series: LoadedSeries[]; pending: number } | undefined;
  names: Map<string, { name: string; color: string; order: number }>;
  settings: ChartSettings;
  bands: boolean;
  grouping: Grouping | null;
}) {
  const series = state?.series;
  const complete = state !== undefined && state.pending === 0 && (!grouping || grouping.groups !== null);
  const curves = useMemo(
    () =>
      new Map<string, Curve & { lo: (number | null)[]; hi: (number | null)[] }>(
        (series ?? [])
          .filter((s) => s.points.length > 0)
          .map((s) => [
            s.runId,
            {
              x:
                (epochs &&
                  stepsToEpochs(
                    s.points.map((p) => p.step),
                    epochs.get(s.runId),
                  )) ??
                s.points.map((p) => p.step),
              y: s.points.map((p) => p.last),
              lo: s.points.map((p) => p.min ?? null),
              hi: s.points.map((p) => p.max ?? null),
            },
          ]),
      ),
    [series, epochs],
  );
  const lines = useMemo<ChartSeries[]>(() => {
    if (grouping)
      return (
        (grouping.groups ?? [])
          .map((g, i) => {
            const agg = aggregateCurves(
              g.ids.flatMap((id) => curves.get(id) ?? []),
              grouping.band,
            );
            return {
              id: `group:${g.label}`,
              label: `${grouping.key}=${g.label} (n=${g.ids.length})`,
              color: seriesColor(i),
              ...agg,
            };
          })
          // A group none of whose runs has loaded yet draws nothing (and does not count as drawn).
          .filter((l) => l.x.length > 0)
      );
    return [...curves.entries()]
      .sort(([a], [b]) => (names.get(a)?.order ?? 0) - (names.get(b)?.order ?? 0))
      .map(([runId, c]) => {
        const n = names.get(runId);
        return { id: runId, label: n?.name ?? runId.slice(0, 8), color: n?.color ?? '#888', ...c };
      });
  }, [curves, names, grouping]);
  // Grouped: each group's last aggregated point, read by the browser test against the API's values.
  const aggregate = grouping
    ? JSON.stringify(
        lines.map((l) => {
          const i = l.x.length - 1;
          return { label: l.label, x: l.x[i], y: l.y[i], lo: l.lo?.[i], hi: l.hi?.[i] };
        }),
      )
    : undefined;
  const count =
    grouping && complete ? `${lines.length} groups of ${curves.size} runs` : `${curves.size} runs`;
  return (
    <section className="panel" data-aggregate={aggregate}>
      <div className="spread">
        <h2>{metric}</h2>
        <span className="muted">{complete ? count : `loading… ${count}`}</span>
      </div>
      <LineChart
        series={lines}
        smoothing={settings.smoothing}
        logY={settings.logY}
        xKind={settings.xKind}
        xLabel={settings.xKind}
        bands={bands}
        legend={lines.length <= 12}
        testId={`compare-chart-${metric}`}
        markDrawn={complete}
      />
    </section>
  );
}

'use client';
import { useEffect, useMemo, useState } from 'react';

import { CompareRunsDocument, type SeriesFragment } from '../../graphql/generated/graphql.ts';
import { useConfig } from '../../lib/config.tsx';
import { ApiError } from '../../lib/graphql/errors.ts';
import { request } from '../../lib/graphql/transport.ts';
import { readToken } from '../../lib/session.ts';
import { ChartControls, type ChartSettings } from '../charts/chart-controls.tsx';
import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { QueryError } from '../shell/query-error.tsx';
import type { CompareRun } from './runs-by-ids.ts';

/** Fewer buckets per line as lines multiply, so a 100-run chart stays a few MB (W&B: 250–1,000). */
export function bucketsFor(runCount: number): number {
  return Math.max(250, Math.min(1000, Math.floor(50_000 / Math.max(1, runCount))));
}

/** One chart per metric key, one line per run, fetched per key so the first chart draws early. */
export function CompareCharts({ runs, keys }: { runs: readonly CompareRun[]; keys: readonly string[] }) {
  const { apiUrl } = useConfig();
  const [settings, setSettings] = useState<ChartSettings>({ smoothing: 0, logY: false, xKind: 'step' });
  const [data, setData] = useState<Record<string, SeriesFragment[]>>({});
  const [error, setError] = useState<ApiError | undefined>();
  const ids = runs.map((r) => r.id);
  const idsKey = ids.join(',');

  useEffect(() => {
    let cancelled = false;
    const buckets = bucketsFor(ids.length);
    for (const key of keys) {
      if (data[key]) continue;
      request(apiUrl, readToken(), CompareRunsDocument, { ids, keys: [key], buckets }).then(
        (r) => !cancelled && setData((d) => ({ ...d, [key]: r.compareRuns })),
        (e: unknown) =>
          !cancelled &&
          setError(
            e instanceof ApiError
              ? e
              : new ApiError([{ message: String(e), code: 'INTERNAL', field: undefined }]),
          ),
      );
    }
    return () => {
      cancelled = true;
    };
    // data is read only to skip keys already loaded
  }, [apiUrl, idsKey, keys.join('|')]);

  const names = useMemo(
    () => new Map(runs.map((r, i) => [r.id, { name: r.name, color: seriesColor(i) }])),
    [runs],
  );
  const bands = runs.length <= 5;
  return (
    <>
      <ChartControls value={settings} onChange={setSettings} epochAvailable={false} />
      <QueryError error={error} />
      <div className="grid-2">
        {keys.map((key) => (
          <CompareChart
            key={key}
            metric={key}
            series={data[key]}
            names={names}
            settings={settings}
            bands={bands}
          />
        ))}
      </div>
    </>
  );
}

function CompareChart({
  metric,
  series,
  names,
  settings,
  bands,
}: {
  metric: string;
  series: SeriesFragment[] | undefined;
  names: Map<string, { name: string; color: string }>;
  settings: ChartSettings;
  bands: boolean;
}) {
  const lines = useMemo<ChartSeries[]>(
    () =>
      (series ?? [])
        .filter((s) => s.points.length > 0)
        .map((s) => {
          const n = names.get(s.runId);
          return {
            id: s.runId,
            label: n?.name ?? s.runId.slice(0, 8),
            color: n?.color ?? '#888',
            x: s.points.map((p) => p.step),
            y: s.points.map((p) => p.last),
            lo: s.points.map((p) => p.min),
            hi: s.points.map((p) => p.max),
          };
        }),
    [series, names],
  );
  return (
    <section className="panel">
      <div className="spread">
        <h2>{metric}</h2>
        <span className="muted">{series ? `${lines.length} runs` : 'loading…'}</span>
      </div>
      <LineChart
        series={lines}
        smoothing={settings.smoothing}
        logY={settings.logY}
        xKind="step"
        xLabel="step"
        bands={bands}
        legend={lines.length <= 12}
        testId={`compare-chart-${metric}`}
      />
    </section>
  );
}

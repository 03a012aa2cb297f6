'use client';
import { useMemo, useState } from 'react';

import type { AppError } from '@distillery/client';
import { parseTeacherMetricKey } from '@distillery/domain';

import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { ChartControls, type ChartSettings } from '../charts/chart-controls.tsx';
import { QueryError } from '../shell/query-error.tsx';
import { groupKeys, type SeriesCols, stepsToEpochs } from './series-store.ts';

// The runner's system sampler and throughput are not training curves.
const SYSTEM = /^((system|sys)[/_.]|samples_per_sec)/;

/**
 * The run's charts: train vs val of each metric together, system metrics apart. While the history
 * loads it says so; a failed load shows the error with a retry (never an endless "loading").
 */
export function RunCharts({
  series,
  loaded = true,
  error,
  onRetry,
  perTeacherApart = false,
}: {
  series: Record<string, SeriesCols>;
  loaded?: boolean;
  error?: AppError | undefined;
  onRetry?: () => void;
  /** Leave out per-teacher keys (`val_head_kl/2`): the student's per-teacher panel draws them. */
  perTeacherApart?: boolean;
}) {
  const [settings, setSettings] = useState<ChartSettings>({ smoothing: 0, logY: false, xKind: 'step' });
  const keys = Object.keys(series).filter(
    (k) => k !== 'epoch' && !(perTeacherApart && parseTeacherMetricKey(k)),
  );
  const epochs = series.epoch;
  const groups = useMemo(() => groupKeys(keys), [keys.join('|')]);
  const build = (ks: string[]): ChartSeries[] =>
    ks.map((k, i) => {
      const s = series[k]!;
      const x = settings.xKind === 'epoch' ? (stepsToEpochs(s.steps, epochs) ?? s.steps) : s.steps;
      return { id: k, label: k, color: seriesColor(i), x, y: s.last, lo: s.min, hi: s.max };
    });
  const training = groups.filter((g) => !SYSTEM.test(g.title));
  const system = groups.filter((g) => SYSTEM.test(g.title));
  const failure = error && (
    <div data-testid="metrics-error">
      <QueryError error={error} {...(onRetry ? { onRetry } : {})} />
    </div>
  );
  if (keys.length === 0)
    return (
      failure ?? (
        <div className="empty" data-testid="metrics-empty">
          {loaded ? 'No metrics logged yet. New points appear here as they are logged.' : 'Loading metrics…'}
        </div>
      )
    );
  return (
    <>
      {failure}
      <ChartControls value={settings} onChange={setSettings} epochAvailable={!!epochs} />
      <div className="grid-2">
        {training.map((g) => (
          <div key={g.title} className="panel">
            <h2>{g.title}</h2>
            <LineChart
              series={build(g.keys)}
              smoothing={settings.smoothing}
              logY={settings.logY}
              xKind={settings.xKind}
              xLabel={settings.xKind}
              testId={`chart-${g.title}`}
            />
          </div>
        ))}
      </div>
      {system.length > 0 && (
        <>
          <h2>System</h2>
          <div className="grid-2">
            {system.map((g) => (
              <div key={g.title} className="panel">
                <h2>{g.title}</h2>
                <LineChart series={build(g.keys)} height={180} xKind={settings.xKind} />
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}

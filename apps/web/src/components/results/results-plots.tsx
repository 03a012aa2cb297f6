'use client';
import { UNIT_BOUNDS } from '@distillery/domain';
import { useMemo, useState } from 'react';

import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { type GroupRow, regroup } from './pool.ts';

const DASH: Record<string, number[] | undefined> = {
  MIMIC_ALL: [6, 3],
  LOSS_AVG: [8, 3, 2, 3],
  OUTPUT_AVG: [2, 3],
};
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** Lines of `rows` grouped by `lineFields`, x from `xField`, y = mean, band = ±SEM. */
function lines(
  rows: readonly GroupRow[],
  xField: string,
  lineFields: readonly string[],
  scale: number,
  label: (g: Record<string, unknown>) => string,
): ChartSeries[] {
  const by = new Map<string, GroupRow[]>();
  for (const r of rows) {
    const k = JSON.stringify(lineFields.map((f) => r.group[f]));
    by.set(k, [...(by.get(k) ?? []), r]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, rs], i) => {
      const sorted = rs
        .filter((r) => !Number.isNaN(num(r.group[xField])))
        .sort((a, b) => num(a.group[xField]) - num(b.group[xField]));
      const g = rs[0]!.group;
      return {
        id: k,
        label: label(g),
        color: seriesColor(i),
        dash: DASH[String(g.MODE)],
        points: true,
        x: sorted.map((r) => num(r.group[xField])),
        y: sorted.map((r) => r.mean * scale),
        lo: sorted.map((r) => (r.mean - (r.sem ?? 0)) * scale),
        hi: sorted.map((r) => (r.mean + (r.sem ?? 0)) * scale),
      };
    });
}

/** The method's plots: accuracy vs p per N and mode, vs N per p, and vs α. */
export function ResultsPlots({
  rows,
  alphaRows,
  percent,
}: {
  rows: readonly GroupRow[];
  alphaRows: readonly GroupRow[];
  percent: boolean;
}) {
  const [bands, setBands] = useState(false);
  const [mode, setMode] = useState<string>('all');
  const modes = [...new Set(rows.map((r) => String(r.group.MODE)))].sort();
  const k = percent ? 100 : 1;
  const yLabel = percent ? 'accuracy (%)' : 'value';
  // Accuracy in % stays within 0–100 and p, α within 0–1, however the axes pad.
  const y = percent ? { yBounds: [0, 100] as const } : {};
  const unitX = UNIT_BOUNDS;
  const keep = (r: GroupRow) => mode === 'all' || String(r.group.MODE) === mode;
  const vsP = useMemo(
    () =>
      lines(
        rows.filter(keep),
        'FRACTION',
        ['TEACHER_COUNT', 'MODE'],
        k,
        (g) => `N=${g.TEACHER_COUNT} ${String(g.MODE).toLowerCase()}`,
      ),
    [rows, mode, k],
  );
  const vsN = useMemo(
    () =>
      lines(
        rows.filter(keep),
        'TEACHER_COUNT',
        ['FRACTION', 'MODE'],
        k,
        (g) => `p=${g.FRACTION} ${String(g.MODE).toLowerCase()}`,
      ),
    [rows, mode, k],
  );
  const alphaMode = mode === 'all' ? (modes.includes('MIMIC_ALL') ? 'MIMIC_ALL' : modes[0]) : mode;
  const vsAlpha = useMemo(() => {
    const sub = regroup(
      alphaRows,
      ['TEACHER_COUNT', 'ALPHA', 'MODE'],
      (r) => String(r.group.MODE) === alphaMode,
    );
    return lines(sub, 'ALPHA', ['TEACHER_COUNT'], k, (g) => `N=${g.TEACHER_COUNT}`);
  }, [alphaRows, alphaMode, k]);
  const vsAlphaP = useMemo(() => {
    const sub = regroup(alphaRows, ['FRACTION', 'ALPHA', 'MODE'], (r) => String(r.group.MODE) === alphaMode);
    return lines(sub, 'ALPHA', ['FRACTION'], k, (g) => `p=${g.FRACTION}`);
  }, [alphaRows, alphaMode, k]);
  return (
    <>
      <div className="toolbar">
        <label>
          Mode
          <select value={mode} onChange={(e) => setMode(e.target.value)} aria-label="Mode">
            <option value="all">all modes</option>
            {modes.map((m) => (
              <option key={m} value={m}>
                {m.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={bands} onChange={(e) => setBands(e.target.checked)} /> ±SEM bands
        </label>
      </div>
      <div className="grid-2">
        <section className="panel">
          <h2>Accuracy vs teacher fraction p (per N and mode)</h2>
          <LineChart
            series={vsP}
            xKind="value"
            xLabel="p"
            xBounds={unitX}
            {...y}
            yLabel={yLabel}
            bands={bands}
            testId="plot-vs-p"
          />
        </section>
        <section className="panel">
          <h2>Accuracy vs number of teachers N (per p)</h2>
          <LineChart
            series={vsN}
            xKind="value"
            xLabel="N"
            xIntegers
            {...y}
            yLabel={yLabel}
            bands={bands}
            testId="plot-vs-n"
          />
        </section>
        <section className="panel">
          <h2>Accuracy vs α per N ({alphaMode?.toLowerCase()}, all p)</h2>
          <LineChart
            series={vsAlpha}
            xKind="value"
            xLabel="α"
            xBounds={unitX}
            {...y}
            yLabel={yLabel}
            bands={bands}
            testId="plot-vs-alpha"
          />
        </section>
        <section className="panel">
          <h2>Accuracy vs α per p ({alphaMode?.toLowerCase()}, all N)</h2>
          <LineChart
            series={vsAlphaP}
            xKind="value"
            xLabel="α"
            xBounds={unitX}
            {...y}
            yLabel={yLabel}
            bands={bands}
            testId="plot-vs-alpha-p"
          />
        </section>
      </div>
    </>
  );
}

'use client';
import { UNIT_BOUNDS } from '@distillery/domain';
import type { RunKind } from '@distillery/graphql-schema/types';
import { useMemo, useState } from 'react';

import { type ChartSeries, LineChart } from '../../../../components/charts/line-chart.tsx';
import { seriesColor } from '../../../../components/charts/palette.ts';
import { CompressionView } from '../../../../components/results/compression-view.tsx';
import { type GroupRow, regroup } from '../../../../components/results/pool.ts';
import { ResultsPlots } from '../../../../components/results/results-plots.tsx';
import { ResultsTables } from '../../../../components/results/results-tables.tsx';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import {
  ModelsForCompressionDocument,
  ProjectHomeDocument,
  ResultsTableDocument,
} from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
// The four kinds of result the method compares, in legend order.
const RESULT_KINDS = [
  'STUDENT',
  'ENSEMBLE_EVAL',
  'TEACHER',
  'BASELINE',
] as const satisfies readonly RunKind[];
const kindLabel = (kind: RunKind) => (kind === 'ENSEMBLE_EVAL' ? 'ensemble' : kind.toLowerCase());

export default function ResultsPage() {
  const { id: projectId } = useProject();
  const [metric, setMetric] = useState('test_accuracy');
  const [metricText, setMetricText] = useState('test_accuracy');
  const [experimentId, setExperimentId] = useState('');
  const [alphaOff, setAlphaOff] = useState<Set<number>>(new Set());
  const home = useGqlQuery(ProjectHomeDocument, { id: projectId });
  const base = { projectId, metric, experimentId: experimentId || undefined };
  const students = useGqlQuery(ResultsTableDocument, {
    ...base,
    groupBy: ['TEACHER_COUNT', 'FRACTION', 'MODE', 'ALPHA'],
    kinds: ['STUDENT'],
  });
  const kinds = useGqlQuery(ResultsTableDocument, {
    ...base,
    groupBy: ['KIND', 'FRACTION'],
    kinds: [...RESULT_KINDS],
  });
  const models = useGqlQuery(ModelsForCompressionDocument, { projectId });

  const raw = useMemo<GroupRow[]>(
    () =>
      (students.data?.resultsTable.rows ?? []).map((r) => ({
        ...r,
        group: (r.group ?? {}) as Record<string, unknown>,
      })),
    [students.data],
  );
  const alphas = [...new Set(raw.map((r) => num(r.group.ALPHA)))].sort((a, b) => a - b);
  const table = useMemo(
    () => regroup(raw, ['TEACHER_COUNT', 'FRACTION', 'MODE'], (r) => !alphaOff.has(num(r.group.ALPHA))),
    [raw, alphaOff],
  );
  const percent = raw.length === 0 || raw.every((r) => r.mean <= 1.0001);
  const kindLines = useMemo<ChartSeries[]>(() => {
    const rows = (kinds.data?.resultsTable.rows ?? []).map((r) => ({
      ...r,
      group: (r.group ?? {}) as Record<string, unknown>,
    }));
    const k = percent ? 100 : 1;
    const frac = (r: { group: Record<string, unknown> }) =>
      r.group.FRACTION === null || r.group.FRACTION === undefined ? null : num(r.group.FRACTION);
    const ps = rows.map(frac).filter((p): p is number => p !== null);
    // Runs without a p (an ensemble of mixed p, a baseline on the whole split) are drawn as dashed
    // reference lines across the whole p range, which is widened when every run shares one p:
    // a zero-length line draws nothing, and that hid a baseline that beat the students.
    const lo = ps.length ? Math.min(...ps) : 0;
    const hi = ps.length ? Math.max(...ps) : 1;
    const span = hi - lo < 0.05 ? [Math.max(0, lo - 0.05), Math.min(1, hi + 0.05)] : [lo, hi];
    return RESULT_KINDS.flatMap((kind, i) => {
      const rs = rows.filter((r) => r.group.KIND === kind);
      if (rs.length === 0) return [];
      const label = kindLabel(kind);
      const withP = rs.filter((r) => frac(r) !== null).sort((a, b) => frac(a)! - frac(b)!);
      const without = rs.filter((r) => frac(r) === null);
      const out: ChartSeries[] = [];
      if (withP.length)
        out.push({
          id: kind,
          label,
          color: seriesColor(i),
          points: true,
          x: withP.map((r) => frac(r)!),
          y: withP.map((r) => r.mean * k),
          lo: withP.map((r) => (r.mean - (r.sem ?? 0)) * k),
          hi: withP.map((r) => (r.mean + (r.sem ?? 0)) * k),
        });
      for (const r of without)
        out.push({
          id: `${kind}-all`,
          label: `${label} (any p)`,
          color: seriesColor(i),
          dash: [4, 4],
          points: true,
          x: span,
          y: [r.mean * k, r.mean * k],
        });
      return out;
    });
  }, [kinds.data, percent]);

  return (
    <>
      <h1>Distillation results</h1>
      <div className="toolbar">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setMetric(metricText.trim() || 'test_accuracy');
          }}
        >
          <label>
            Metric{' '}
            <input
              className="mono"
              value={metricText}
              onChange={(e) => setMetricText(e.target.value)}
              aria-label="Metric"
            />
          </label>
        </form>
        <label>
          Experiment
          <select
            value={experimentId}
            onChange={(e) => setExperimentId(e.target.value)}
            aria-label="Experiment"
          >
            <option value="">all</option>
            {home.data?.project?.experiments.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">α:</span>
        {alphas.map((a) => (
          <label key={a}>
            <input
              type="checkbox"
              checked={!alphaOff.has(a)}
              onChange={(e) => {
                const next = new Set(alphaOff);
                if (e.target.checked) next.delete(a);
                else next.add(a);
                setAlphaOff(next);
              }}
            />
            {Number.isNaN(a) ? '—' : a}
          </label>
        ))}
      </div>
      <p className="muted">
        Cells: mean (SEM), n over succeeded student runs{percent ? ', in %' : ''}; the best mode of each row
        is bold. Unticked α values are left out of the pooled cells.
      </p>
      <QueryError error={students.error ?? kinds.error ?? models.error} />
      <ResultsTables rows={table} percent={percent} />
      <ResultsPlots rows={table} alphaRows={raw} percent={percent} />
      <div className="grid-2">
        <section className="panel">
          <h2>Student vs ensemble vs teachers vs baseline (by p)</h2>
          <LineChart
            series={kindLines}
            xKind="value"
            xLabel="p"
            yLabel={percent ? 'accuracy (%)' : metric}
            xBounds={UNIT_BOUNDS}
            {...(percent ? { yBounds: [0, 100] as const } : {})}
            testId="plot-kinds"
          />
        </section>
        <section className="panel">
          <h2>Compression: accuracy vs size</h2>
          {models.data && <CompressionView data={models.data} metric={metric} percent={percent} />}
        </section>
      </div>
    </>
  );
}

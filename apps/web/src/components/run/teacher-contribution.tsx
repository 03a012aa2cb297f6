'use client';
import { type DistillMode, type TeacherMetric, teacherMetricKey, teacherMetricsOf } from '@distillery/domain';

import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { type SeriesCols, stepsToEpochs } from './series-store.ts';
import { PageLink } from '../shell/page-link.tsx';

/** A member of the student as the run query returns it (head/target order). */
export interface ContributionMember {
  position: number;
  teacher: { run: { id: string; name: string } };
  checkpoint: { kind: string; cycle: number | null } | null;
}

// How each per-teacher metric reads on screen: a title and a formatter (fractions as %).
const SHOWN: Record<TeacherMetric, { title: string; format: (v: number) => string; percent: boolean }> = {
  val_agreement: { title: 'student agrees with teacher', format: pct, percent: true },
  val_head_agreement: { title: 'head i agrees with teacher i', format: pct, percent: true },
  val_head_kl: { title: 'KL(teacher i ‖ head i)', format: (v) => v.toFixed(4), percent: false },
  val_head_accuracy: { title: 'head i accuracy', format: pct, percent: true },
  aggregator_share: { title: 'share of the aggregator’s logits', format: pct, percent: true },
};

function pct(v: number): string {
  return `${(v * 100).toFixed(1)} %`;
}

// What "contribution of teacher i" means in each mode (mtkd-method.md §4.2).
const MEANING: Record<DistillMode, string> = {
  OUTPUT_AVG:
    'output_avg distils from the mean of the teachers’ outputs through one head: there are no per-teacher heads or weights. Shown: how often the student’s prediction agrees with each teacher.',
  LOSS_AVG:
    'loss_avg averages one KL term per teacher on a single head: there are no per-teacher heads or weights. Shown: how often the student’s prediction agrees with each teacher.',
  MIMIC_ALL:
    'Head i imitates teacher i and the student predicts the mean of the heads (its accuracy is val_accuracy). Shown per head: agreement with and KL to its own teacher, and its own accuracy.',
  SUPERNET:
    'An aggregator on the teachers’ concatenated logits is fitted first and then frozen: each teacher’s share of its logits is the same every epoch.',
  SUPERNET2:
    'An aggregator on the teachers’ concatenated pooled features is fitted first and then frozen: each teacher’s share of its logits is the same every epoch.',
};

function memberLabel(m: ContributionMember): string {
  const cp = m.checkpoint;
  return cp
    ? `${m.teacher.run.name} (${cp.kind.toLowerCase()} ${cp.cycle ?? ''})`.replace(' )', ')')
    : m.teacher.run.name;
}

/**
 * Per-teacher contribution of a student run, live over epochs: one chart per metric of its mode
 * (one line per teacher, named after the teacher run) and a table of the latest epoch's values.
 */
export function TeacherContribution({
  mode,
  members,
  series,
  projectId,
}: {
  mode: DistillMode;
  members: readonly ContributionMember[];
  series: Record<string, SeriesCols>;
  projectId: string;
}) {
  const metrics = teacherMetricsOf(mode);
  const sorted = [...members].sort((a, b) => a.position - b.position);
  const epochs = series.epoch;
  const latest = (metric: TeacherMetric, position: number) =>
    series[teacherMetricKey(metric, position)]?.last.at(-1);
  const logged = metrics.some((k) => sorted.some((m) => series[teacherMetricKey(k, m.position)]));
  const lastEpoch = epochs?.last.at(-1);
  const chart = (metric: TeacherMetric): ChartSeries[] =>
    sorted.flatMap((m) => {
      const s = series[teacherMetricKey(metric, m.position)];
      if (!s) return [];
      const scale = SHOWN[metric].percent ? 100 : 1;
      return [
        {
          id: `${metric}-${m.position}`,
          label: `${m.position} · ${memberLabel(m)}`,
          color: seriesColor(m.position),
          x: stepsToEpochs(s.steps, epochs) ?? s.steps,
          y: s.last.map((v) => v * scale),
          points: true,
        },
      ];
    });
  return (
    <section className="panel" data-testid="teacher-contribution" data-mode={mode}>
      <div className="spread">
        <h2>Per-teacher contribution</h2>
        {logged && lastEpoch !== undefined && <span className="muted">validation, epoch {lastEpoch}</span>}
      </div>
      <p className="muted" data-testid="teacher-contribution-meaning">
        {MEANING[mode]}
      </p>
      {!logged ? (
        <div className="empty" data-testid="teacher-contribution-empty">
          No per-teacher metrics logged yet: they appear at the end of each epoch.
        </div>
      ) : (
        <>
          <table className="data" data-testid="teacher-contribution-table">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>teacher</th>
                {metrics.map((k) => (
                  <th key={k} className="num" title={k}>
                    {SHOWN[k].title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sorted.map((m) => (
                <tr key={m.position} data-position={m.position}>
                  <td className="num">{m.position}</td>
                  <td>
                    <span className="swatch" style={{ background: seriesColor(m.position) }} />
                    <PageLink href={`/p/${projectId}/runs/${m.teacher.run.id}`}>{memberLabel(m)}</PageLink>
                  </td>
                  {metrics.map((k) => {
                    const v = latest(k, m.position);
                    return (
                      <td key={k} className="num">
                        {v === undefined ? '—' : SHOWN[k].format(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="grid-2" style={{ marginTop: 12 }}>
            {metrics.map((k) => (
              <div key={k}>
                <h3 className="chart-title">
                  {SHOWN[k].title}
                  {SHOWN[k].percent ? ' (%)' : ''}
                </h3>
                <LineChart
                  series={chart(k)}
                  height={200}
                  xKind={epochs ? 'epoch' : 'step'}
                  xLabel={epochs ? 'epoch' : 'step'}
                  xIntegers
                  {...(SHOWN[k].percent ? { yBounds: [0, 100] as const } : {})}
                  testId={`teacher-chart-${k}`}
                />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

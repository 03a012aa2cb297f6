'use client';
import { useMemo } from 'react';

import type { ModelsForCompressionQuery } from '../../graphql/generated/graphql.ts';
import { ruleName } from '../../lib/vocabulary.ts';
import { EChart } from '../charts/echart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { readPath } from '../runs/columns.ts';

type Point = { name: string; params: number; acc: number };

/**
 * Accuracy against parameters (a proxy for inference cost: an ensemble runs all its members, so its
 * cost is the members' sum) for teachers, ensembles, students and label-only baselines.
 */
export function CompressionView({
  data,
  metric,
  percent,
}: {
  data: ModelsForCompressionQuery;
  metric: string;
  percent: boolean;
}) {
  const option = useMemo(() => {
    const k = percent ? 100 : 1;
    const acc = (s: unknown) => readPath(s, metric);
    const teachers: Point[] = [];
    for (const t of data.teachers) {
      const a = acc(t.run.summary);
      if (typeof a === 'number' && t.run.parameterCount)
        teachers.push({ name: t.run.name, params: t.run.parameterCount, acc: a * k });
    }
    const students: Point[] = [];
    const ensembles: Point[] = [];
    for (const s of data.students) {
      const a = acc(s.run.summary);
      if (typeof a === 'number' && s.run.parameterCount)
        students.push({ name: s.run.name, params: s.run.parameterCount, acc: a * k });
    }
    // The label-only baseline is the bar a student has to clear: drawn whenever one succeeded.
    const baselines: Point[] = [];
    for (const { node: b } of data.baselines.edges) {
      const a = acc(b.summary);
      if (typeof a === 'number' && b.parameterCount)
        baselines.push({ name: b.name, params: b.parameterCount, acc: a * k });
    }
    const teacherCost = teachers.length ? teachers.reduce((a, t) => a + t.params, 0) / teachers.length : 0;
    for (const e of data.ensembles) {
      const best = e.results.filter((r) => r.splitRole === 'TEST').sort((a, b) => b.accuracy - a.accuracy)[0];
      if (best && teacherCost)
        ensembles.push({
          name: `${e.name} (${ruleName(best.rule)})`,
          params: teacherCost * e.members.length,
          acc: best.accuracy * k,
        });
    }
    // Same order (so same colours) as the results page's kinds chart.
    const series = [
      ['students', students],
      ['ensembles', ensembles],
      ['teachers', teachers],
      ['baselines', baselines],
    ] as const;
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: [number, number, string] }) =>
          `${p.data[2]}<br/>${p.data[0].toLocaleString()} params · ${p.data[1].toFixed(2)}`,
      },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 36, bottom: 50 },
      xAxis: { type: 'log', name: 'parameters (≈ inference cost)', nameLocation: 'middle', nameGap: 30 },
      yAxis: {
        type: 'value',
        name: percent ? 'accuracy (%)' : metric,
        // Along the axis, as the other results charts do: at the top it sat under the legend.
        nameLocation: 'middle',
        nameGap: 40,
        scale: true,
        // Padded around the points, never past 100 %.
        ...(percent ? { max: (v: { max: number }) => Math.min(100, Math.ceil(v.max + 0.5)) } : {}),
      },
      series: series.map(([name, pts], i) => ({
        name,
        type: 'scatter',
        symbolSize: name === 'ensembles' ? 12 : 8,
        symbol: name === 'baselines' ? 'diamond' : 'circle',
        itemStyle: { color: seriesColor(i) },
        data: pts.map((p) => [p.params, p.acc, p.name]),
      })),
    };
  }, [data, metric, percent]);
  const drawn = option.series.filter((x) => x.data.length > 0).map((x) => x.name);
  return (
    <div data-testid="compression-series" data-series={drawn.join('|')}>
      <EChart option={option} height={340} testId="compression" />
    </div>
  );
}

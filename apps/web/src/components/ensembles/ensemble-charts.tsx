'use client';
import { meanSem } from '@distillery/domain';
import { useMemo } from 'react';

import type { EnsembleDetailFragment } from '../../graphql/generated/graphql.ts';
import { ruleName } from '../../lib/vocabulary.ts';
import { EChart } from '../charts/echart.tsx';
import { type ChartSeries, LineChart } from '../charts/line-chart.tsx';
import { seriesColor } from '../charts/palette.ts';
import { readPath } from '../runs/columns.ts';

/** Accuracy of each member on the test set, from its run summary. */
export function memberAccuracies(e: EnsembleDetailFragment, metric: string): { name: string; acc: number }[] {
  return e.members.flatMap((m) => {
    const a = readPath(m.teacher?.run.summary, metric);
    return typeof a === 'number' ? [{ name: m.teacher?.run.name ?? `member ${m.position}`, acc: a }] : [];
  });
}

/** The result of each fusion rule on `role`, best first. */
export function ruleResults(e: EnsembleDetailFragment, role: 'TEST' | 'VAL' | 'TRAIN') {
  return e.results.filter((r) => r.splitRole === role).sort((a, b) => b.accuracy - a.accuracy);
}

/** Bars: accuracy per fusion rule, with the best single member as a reference line. */
export function FusionRuleChart({ ensemble, metric }: { ensemble: EnsembleDetailFragment; metric: string }) {
  const option = useMemo(() => {
    const results = ruleResults(ensemble, 'TEST');
    const best = Math.max(...memberAccuracies(ensemble, metric).map((m) => m.acc));
    const values = results.map((r) => r.accuracy * 100);
    if (Number.isFinite(best)) values.push(best * 100);
    // Bars start at a round 5 % below everything drawn (the best member included), never past 0–100.
    const low = values.length ? Math.max(0, Math.floor((Math.min(...values) - 2) / 5) * 5) : 0;
    const high = values.length ? Math.min(100, Math.ceil((Math.max(...values) + 1) / 5) * 5) : 100;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 110, top: 24, bottom: 70 },
      xAxis: { type: 'category', data: results.map((r) => ruleName(r.rule)), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', min: low, max: high, name: 'test accuracy (%)' },
      series: [
        {
          type: 'bar',
          label: { show: true, position: 'top', formatter: (p: { value: number }) => p.value.toFixed(2) },
          data: results.map((r) => ({
            value: +(r.accuracy * 100).toFixed(3),
            itemStyle: {
              color: Number.isFinite(best) && r.accuracy > best ? seriesColor(4) : seriesColor(0),
            },
          })),
          markLine: Number.isFinite(best)
            ? {
                symbol: 'none',
                data: [{ yAxis: +(best * 100).toFixed(3), name: 'best member' }],
                // Two lines need their own line height: ECharts' default drew them over each other.
                label: { formatter: 'best member\n{c} %', position: 'end', lineHeight: 16 },
                lineStyle: { color: seriesColor(2), type: 'dashed', width: 2 },
              }
            : undefined,
        },
      ],
    };
  }, [ensemble, metric]);
  const best = Math.max(...memberAccuracies(ensemble, metric).map((m) => m.acc));
  return (
    <div data-testid="fusion-rules-chart" data-best-member={Number.isFinite(best) ? best : ''}>
      <EChart option={option} height={300} testId="fusion-rules" />
    </div>
  );
}

/** Mean ± SEM accuracy against ensemble size, one line per rule, over all the project's ensembles. */
export function SizeChart({ ensembles }: { ensembles: readonly EnsembleDetailFragment[] }) {
  const series = useMemo<ChartSeries[]>(() => {
    const byRule = new Map<string, Map<number, number[]>>();
    for (const e of ensembles) {
      for (const r of ruleResults(e, 'TEST')) {
        const sizes = byRule.get(ruleName(r.rule)) ?? new Map<number, number[]>();
        sizes.set(e.members.length, [...(sizes.get(e.members.length) ?? []), r.accuracy * 100]);
        byRule.set(ruleName(r.rule), sizes);
      }
    }
    return [...byRule.entries()].map(([rule, sizes], i) => {
      const xs = [...sizes.keys()].sort((a, b) => a - b);
      const stats = xs.map((x) => meanSem(sizes.get(x)!));
      return {
        id: rule,
        label: rule,
        color: seriesColor(i),
        points: true,
        x: xs,
        y: stats.map((s) => s.mean),
        lo: stats.map((s) => s.mean - (s.sem ?? 0)),
        hi: stats.map((s) => s.mean + (s.sem ?? 0)),
      };
    });
  }, [ensembles]);
  return (
    <LineChart
      series={series}
      xKind="value"
      xLabel="ensemble size"
      yLabel="test accuracy (%)"
      testId="ensemble-size"
    />
  );
}

import { leafPaths, readPath } from '../runs/columns.ts';
import { type FinalMetrics, lowerIsBetter } from './final-metrics.ts';
import { differingKeys, type Fact, presentKeys, runFacts } from './run-facts.ts';
import type { CompareRun } from './runs-by-ids.ts';
import { toCsv } from '../csv/csv-file.ts';

/** One row of the comparison table: a param, a metric's final/best value, or a summary value. */
export interface ComparisonRow {
  section: 'params' | 'metrics' | 'summary';
  field: string;
  /** One value per run, in the runs' order. */
  values: Fact[];
  /** Not every run has the same value. */
  differs: boolean;
  /** Metric and summary rows: the positions of the best value (ties all count). */
  best: number[];
}

function bestOf(values: readonly Fact[], lower: boolean): number[] {
  const nums = values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
  const present = nums.filter((v): v is number => v !== null);
  if (present.length < 2) return [];
  const target = lower ? Math.min(...present) : Math.max(...present);
  if (present.every((v) => v === target)) return [];
  return nums.flatMap((v, i) => (v === target ? [i] : []));
}

function row(
  section: ComparisonRow['section'],
  field: string,
  values: Fact[],
  lower: boolean,
): ComparisonRow {
  const differs = new Set(values.map((v) => JSON.stringify(v))).size > 1;
  return { section, field, values, differs, best: section === 'params' ? [] : bestOf(values, lower) };
}

/**
 * The comparison as rows × runs: every fact that is set on some run (differing ones flagged), each
 * logged key's final and best value, and the summary's numeric values (test metrics among them).
 */
export function comparisonRows(
  runs: readonly CompareRun[],
  metrics: FinalMetrics | null,
  metricKeys: readonly string[],
): ComparisonRow[] {
  const facts = runs.map(runFacts);
  const differing = new Set(differingKeys(facts));
  const rows: ComparisonRow[] = presentKeys(facts).map((k) => ({
    ...row(
      'params',
      k,
      facts.map((f) => f[k] ?? null),
      false,
    ),
    differs: differing.has(k),
  }));
  if (metrics)
    for (const key of metricKeys)
      for (const which of ['final', 'best'] as const) {
        const values = runs.map((r) => metrics.get(r.id)?.get(key)?.[which] ?? null);
        if (values.some((v) => v !== null))
          rows.push(row('metrics', `${key} (${which})`, values, lowerIsBetter(key)));
      }
  const summaryKeys = [...new Set(runs.flatMap((r) => leafPaths(r.summary, 3)))]
    .filter((k) => runs.some((r) => typeof readPath(r.summary, k) === 'number'))
    .sort((a, b) => Number(!/^test_/.test(a)) - Number(!/^test_/.test(b)) || a.localeCompare(b));
  for (const k of summaryKeys) {
    const values = runs.map((r) => {
      const v = readPath(r.summary, k);
      return typeof v === 'number' ? v : null;
    });
    rows.push(row('summary', k, values, lowerIsBetter(k)));
  }
  return rows;
}

/** The table as CSV: section, field, differs, then one column per run (headed by its name and id). */
export function comparisonCsv(runs: readonly CompareRun[], rows: readonly ComparisonRow[]): string {
  return toCsv(
    ['section', 'field', 'differs', ...runs.map((r) => `${r.name} (${r.id})`)],
    rows.map((r) => [r.section, r.field, r.differs ? 'yes' : 'no', ...r.values]),
  );
}

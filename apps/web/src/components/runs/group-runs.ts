import { meanSem, type MeanSem } from '@distillery/domain';

import type { RunRowFragment } from '../../graphql/generated/graphql.ts';
import { readPath, type RunColumn } from './columns.ts';

/** Runs sharing one value of the grouping param, with each column aggregated. */
export interface RunGroup {
  /** The param's value as JSON (`"MIMIC_ALL"`, `0.25`), or null for runs without the param. */
  key: string | null;
  /** The value as shown: strings without quotes, "(none)" for runs without the param. */
  label: string;
  runs: RunRowFragment[];
  /** Per column id: mean, SEM and n of its numeric values, or the one value every run shares. */
  cells: Map<string, MeanSem | { same: unknown } | null>;
  /** Runs per status, e.g. { SUCCEEDED: 9, FAILED: 1 }. */
  statuses: Partial<Record<RunRowFragment['status'], number>>;
}

/** The value of a column in a run (params or summary, dotted path). */
export function cellOf(r: RunRowFragment, c: RunColumn): unknown {
  return readPath(c.source === 'params' ? r.params : r.summary, c.path);
}

function aggregate(runs: readonly RunRowFragment[], c: RunColumn): MeanSem | { same: unknown } | null {
  const values = runs.map((r) => cellOf(r, c)).filter((v) => v !== undefined && v !== null);
  if (values.length === 0) return null;
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (nums.length === values.length) return meanSem(nums);
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? { same: values[0] } : null;
}

/**
 * Group runs by the value of one params key (dotted path): groups in ascending order of the value
 * (numbers numerically, runs without the key last), runs keeping their order within a group.
 */
export function groupRuns(
  runs: readonly RunRowFragment[],
  paramKey: string,
  columns: readonly RunColumn[],
): RunGroup[] {
  const byKey = new Map<string | null, { value: unknown; runs: RunRowFragment[] }>();
  for (const r of runs) {
    const v = readPath(r.params, paramKey);
    const key = v === undefined || v === null ? null : JSON.stringify(v);
    const g = byKey.get(key) ?? { value: v, runs: [] };
    g.runs.push(r);
    byKey.set(key, g);
  }
  const order = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  return [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => (ka === null ? 1 : kb === null ? -1 : order(a.value, b.value)))
    .map(([key, g]) => {
      const statuses: RunGroup['statuses'] = {};
      for (const r of g.runs) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      return {
        key,
        label: key === null ? '(none)' : typeof g.value === 'string' ? g.value : key,
        runs: g.runs,
        cells: new Map(columns.map((c) => [c.id, aggregate(g.runs, c)])),
        statuses,
      };
    });
}

/** Params keys runs can be grouped by: leaf paths holding scalars (numbers, strings, booleans). */
export function groupableKeys(runs: readonly RunRowFragment[], columns: readonly RunColumn[]): string[] {
  const keys = new Set<string>();
  for (const c of columns) {
    if (c.source !== 'params') continue;
    if (runs.slice(0, 300).some((r) => ['number', 'string', 'boolean'].includes(typeof cellOf(r, c))))
      keys.add(c.path);
  }
  return [...keys].sort();
}

import { formatValue } from '../runs/columns.ts';
import { type Fact, groupValue, runFacts } from './run-facts.ts';
import type { CompareRun } from './runs-by-ids.ts';

/** Runs sharing one value of the grouping key, in the URL's order. */
export interface FactGroup {
  value: Fact;
  label: string;
  ids: string[];
}

function order(a: Fact, b: Fact): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * Group runs by the fact `key` names (`seed`, `alpha`, `subset`, `params.lr`, or a params path
 * without `params.`): numbers in numeric order, runs without the key last, as "(none)".
 */
export function groupByFact(runs: readonly CompareRun[], key: string): FactGroup[] {
  const groups = new Map<string, FactGroup>();
  for (const r of runs) {
    const value = groupValue(runFacts(r), key);
    const id = JSON.stringify(value);
    const g = groups.get(id) ?? { value, label: value === null ? '(none)' : formatValue(value), ids: [] };
    g.ids.push(r.id);
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => order(a.value, b.value));
}

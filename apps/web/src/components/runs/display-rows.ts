import { formatCell } from '@distillery/domain';

import type { RunRowFragment } from '../../graphql/generated/graphql.ts';
import { columnDigits, formatValue, type RunColumn } from './columns.ts';
import { cellOf, type RunGroup } from './group-runs.ts';

/** A line of the runs table: a group (aggregated) or one run (a group's member when grouped). */
export type DisplayRow =
  | { type: 'group'; id: string; group: RunGroup; open: boolean }
  | { type: 'run'; id: string; run: RunRowFragment; member: boolean; groupLabel?: string };

/** The lines shown: every run, or each group followed by its runs when it is open. */
export function displayRows(
  runs: readonly RunRowFragment[],
  groups: readonly RunGroup[] | null,
  open: ReadonlySet<string>,
): DisplayRow[] {
  if (!groups) return runs.map((run) => ({ type: 'run', id: run.id, run, member: false }));
  const out: DisplayRow[] = [];
  for (const group of groups) {
    const id = `group:${group.key ?? ''}`;
    const isOpen = open.has(id);
    out.push({ type: 'group', id, group, open: isOpen });
    if (isOpen)
      for (const run of group.runs)
        out.push({ type: 'run', id: run.id, run, member: true, groupLabel: group.label });
  }
  return out;
}

/** Each column's precision over the runs it shows (see columnDigits). */
export function digitsByColumn(
  runs: readonly RunRowFragment[],
  columns: readonly RunColumn[],
): Map<string, number> {
  return new Map(columns.map((c) => [c.id, columnDigits(runs.map((r) => cellOf(r, c)))]));
}

/** "9 succeeded · 1 failed": a group's runs by status. */
export function statusSummary(g: RunGroup): string {
  return Object.entries(g.statuses)
    .map(([s, n]) => `${n} ${s.toLowerCase()}`)
    .join(' · ');
}

/**
 * Decimals of a group's "mean (SEM), n" cell in a column of `digits`: one more than the column's
 * (at least two), since a mean of 0 and 0.5 is 0.25, not 0.3.
 */
export function aggregateDigits(digits: number): number {
  return Math.min(6, Math.max(2, digits + 1));
}

/** The text of a params/summary cell as the table shows it (a group's: "mean (SEM), n" or the shared value). */
export function columnText(row: DisplayRow, c: RunColumn, digits: number): string {
  if (row.type === 'run') return formatValue(cellOf(row.run, c), digits);
  const cell = row.group.cells.get(c.id);
  if (!cell) return '';
  return 'same' in cell ? formatValue(cell.same, digits) : formatCell(cell, false, aggregateDigits(digits));
}

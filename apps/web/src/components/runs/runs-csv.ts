import { toCsv } from '../csv/csv-file.ts';
import type { RunColumn } from './columns.ts';
import { columnText, type DisplayRow, statusSummary } from './display-rows.ts';

/**
 * The runs table as CSV, as shown: its columns in order and each line's cell text (groups with their
 * aggregated "mean (SEM), n" cells and run count, then the runs of open groups); times as ISO 8601.
 */
export function runsCsv(
  rows: readonly DisplayRow[],
  columns: readonly RunColumn[],
  digits: ReadonlyMap<string, number>,
  groupKey: string,
): string {
  const header = [
    ...(groupKey ? ['group', 'runs'] : []),
    'name',
    'kind',
    'status',
    'tags',
    ...columns.map((c) => `${c.source}.${c.path}`),
    'created',
  ];
  const lines = rows.map((row) => {
    const cells = columns.map((c) => columnText(row, c, digits.get(c.id) ?? 0));
    if (row.type === 'group')
      return [
        `${groupKey} = ${row.group.label}`,
        row.group.runs.length,
        '',
        '',
        statusSummary(row.group),
        '',
        ...cells,
        '',
      ];
    const r = row.run;
    const group = groupKey ? [`${groupKey} = ${row.groupLabel ?? ''}`, ''] : [];
    return [
      ...group,
      r.name,
      r.kind.toLowerCase(),
      r.status.toLowerCase(),
      r.tags.join(' '),
      ...cells,
      r.createdAt,
    ];
  });
  return toCsv(header, lines);
}

import { poolCells, type MeanSem } from '@distillery/domain';

/** One results-table cell: mean, SEM (ddof 1, null when n < 2) and n (the domain's MeanSem). */
export type Cell = MeanSem;

/** A results row: group values by field name plus the cell. */
export interface GroupRow extends Cell {
  group: Record<string, unknown>;
}

/** Pool the rows that share the values of `fields`, keeping only rows `keep` accepts. */
export function regroup(
  rows: readonly GroupRow[],
  fields: readonly string[],
  keep: (r: GroupRow) => boolean = () => true,
): GroupRow[] {
  const buckets = new Map<string, { group: Record<string, unknown>; cells: Cell[] }>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const group = Object.fromEntries(fields.map((f) => [f, r.group[f] ?? null]));
    const key = JSON.stringify(group);
    const b = buckets.get(key) ?? { group, cells: [] };
    b.cells.push(r);
    buckets.set(key, b);
  }
  return [...buckets.values()].flatMap((b) => {
    const c = poolCells(b.cells);
    return c ? [{ group: b.group, ...c }] : [];
  });
}

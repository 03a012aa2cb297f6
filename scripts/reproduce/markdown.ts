// Markdown formatting of the report's tables and numbers.
import { fixed2, formatCell } from '@distillery/domain';

import type { Stat } from './analysis.ts';

/** A GitHub table; every row must have one cell per header. */
export function table(headers: string[], rows: string[][]): string {
  for (const r of rows)
    if (r.length !== headers.length)
      throw new Error(`table row has ${r.length} cells, expected ${headers.length}`);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Accuracy in % as the thesis prints it: "mean (SEM), n"; "–" when missing. */
export function cell(s: Stat | null | undefined): string {
  return s ? formatCell(s, true) : '–';
}

/** A fraction as a percentage with two decimals. */
export const pct = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : fixed2(100 * v);

/** A signed difference in percentage points. */
export const pp = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(2)} pp`;

/** "held" / "did not hold" marker. */
export const verdict = (held: boolean): string => (held ? '**held**' : '**did not hold**');

// Tables for people, JSON for scripts: every listing takes `--json`.
import Table from 'cli-table3';

import type { CliIo } from './io.ts';

/** A column of a table: header and how to get the cell from a row. */
export interface Column<T> {
  header: string;
  get: (row: T) => unknown;
}

/** Format one cell: numbers to 4 significant digits, dates shortened, objects as compact JSON. */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  if (typeof v === 'string') return /^\d{4}-\d\d-\d\dT/.test(v) ? v.slice(0, 19).replace('T', ' ') : v;
  if (Array.isArray(v)) return v.map(cell).join(',');
  return JSON.stringify(v);
}

/** Render rows as a box table. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] } });
  for (const r of rows) table.push(columns.map((c) => cell(c.get(r))));
  return `${table.toString()}\n`;
}

/** Print `data` as JSON (with --json) or as a table. */
export function printList<T>(
  io: CliIo,
  json: boolean,
  rows: readonly T[],
  columns: readonly Column<T>[],
): void {
  if (json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
  else if (rows.length === 0) io.err('(none)\n');
  else io.out(renderTable(rows, columns));
}

/** Print one object as JSON or as key/value lines. */
export function printObject(io: CliIo, json: boolean, obj: Record<string, unknown>): void {
  if (json) {
    io.out(`${JSON.stringify(obj, null, 2)}\n`);
    return;
  }
  const width = Math.max(...Object.keys(obj).map((k) => k.length));
  for (const [k, v] of Object.entries(obj)) io.out(`${k.padEnd(width)}  ${cell(v)}\n`);
}

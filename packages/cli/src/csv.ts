// CSV as pandas' to_csv writes and read_csv reads these tables (RFC 4180), via csv-stringify/csv-parse.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

function cell(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A CSV document with a header row; fields holding commas, quotes or newlines are quoted. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header.map(cell), ...rows.map((r) => r.map(cell))], { record_delimiter: 'unix' });
}

/** Parse CSV text into rows of fields (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
}

/** Parse CSV into objects keyed by the header. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

import { stringify } from 'csv-stringify/browser/esm/sync';

/** A file a CSV button hands to the browser, and an optional line about it (e.g. "truncated"). */
export interface CsvFile {
  name: string;
  text: string;
  note?: string;
}

/** One CSV cell as a reader wants it: numbers in full precision, true/false as words, objects as JSON. */
function cell(v: unknown): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  // csv-stringify writes true as 1 and false as an empty cell.
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A header and rows as CSV text (the dashboard's one CSV writer). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header as string[], ...rows.map((r) => r.map(cell))]);
}

/** Hand a text to the browser as a file download. */
export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A file-name part from a label: letters, digits, `.`, `_` and `-` only. */
export function fileSafe(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 80);
}

import { fixedDigits } from '@distillery/domain';

/** A runs-table column: a fixed field, or one key inside params/summary (dotted paths). */
export interface RunColumn {
  id: string;
  label: string;
  source: 'params' | 'summary';
  path: string;
}

/** Read a dotted path from a JSON object. */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Leaf paths of a JSON object (objects flattened with dots, arrays kept as leaves), up to `depth`. */
export function leafPaths(obj: unknown, depth = 2, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return prefix ? [prefix] : [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth > 1)
      out.push(...leafPaths(v, depth - 1, p));
    else out.push(p);
  }
  return out;
}

/** Decimals a number needs to print exactly (after 10 significant digits absorb float noise). */
function decimalsOf(v: number): number {
  const t = String(Number(v.toPrecision(10)));
  const e = /e-(\d+)$/.exec(t);
  const frac = /\.(\d+)/.exec(t)?.[1]?.length ?? 0;
  return e ? Number(e[1]) + frac : frac;
}

/**
 * One precision for a whole column, so its numbers line up: the decimals its values need, at most
 * four significant digits of its smallest non-zero magnitude (and at most 6 decimals).
 */
export function columnDigits(values: readonly unknown[]): number {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const needed = Math.max(0, ...nums.map(decimalsOf));
  const nonZero = nums.filter((v) => v !== 0).map(Math.abs);
  if (needed === 0 || nonZero.length === 0) return needed;
  const cap = Math.min(6, Math.max(1, Math.ceil(-Math.log10(Math.min(...nonZero))) + 3));
  return Math.min(needed, cap);
}

/** Format a cell value: numbers with the column's `digits` (see columnDigits), arrays joined. */
export function formatValue(v: unknown, digits?: number): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return fixedDigits(v, digits ?? Math.min(10, decimalsOf(v)));
  if (Array.isArray(v)) return v.map((x) => formatValue(x)).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// Metrics the method's results are about come first in the column chooser.
const PREFERRED = [
  'test_accuracy',
  'val_accuracy',
  'accuracy',
  'loss',
  'val_loss',
  'mode',
  'alpha',
  'fraction',
  'teachers',
  'teacherCount',
  'temperature',
  'architecture',
];

/** Default columns: preferred summary metrics, then params, at most `max`. */
export function defaultColumns(available: readonly RunColumn[], max = 6): RunColumn[] {
  const rank = (c: RunColumn) => {
    const i = PREFERRED.indexOf(c.path.split('.').pop() ?? '');
    return (i < 0 ? 100 : i) + (c.source === 'summary' ? 0 : 0.5);
  };
  return [...available].sort((a, b) => rank(a) - rank(b)).slice(0, max);
}

/** The column an id names (`summary.test_accuracy`, `params.optimizer.lr`), or null for another id. */
export function columnOfId(id: string): RunColumn | null {
  const m = /^(params|summary)\.(.+)$/.exec(id);
  return m ? { id, label: m[2]!, source: m[1] as RunColumn['source'], path: m[2]! } : null;
}

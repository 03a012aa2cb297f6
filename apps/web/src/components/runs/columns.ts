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

/** Format a cell value compactly: numbers to 4 significant digits, arrays joined. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? String(v)
      : Math.abs(v) >= 1e6 || Math.abs(v) < 0.001
        ? v.toExponential(3)
        : String(Number(v.toPrecision(4)));
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
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

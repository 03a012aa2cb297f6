import { formatValue, leafPaths, readPath } from '../runs/columns.ts';

/** A long array or a matrix in a word, so a summary never dumps hundreds of numbers into the page. */
function compact(v: unknown): string {
  if (!Array.isArray(v)) return formatValue(v);
  if (v.length > 0 && v.every(Array.isArray)) return `${v.length} × ${(v[0] as unknown[]).length} matrix`;
  return v.length > 8 ? `[${v.length} values]` : formatValue(v);
}

/** A JSON object as a key/value list (nested keys dotted), leaving out the top-level keys in `omit`. */
export function JsonList({ value, omit = [] }: { value: unknown; omit?: readonly string[] }) {
  const paths = leafPaths(value, 3).filter((p) => !omit.includes(p.split('.')[0]!));
  if (paths.length === 0) return <div className="muted">—</div>;
  return (
    <dl className="kv">
      {paths.map((p) => (
        <div key={p} style={{ display: 'contents' }}>
          <dt className="mono">{p}</dt>
          <dd>{compact(readPath(value, p))}</dd>
        </div>
      ))}
    </dl>
  );
}

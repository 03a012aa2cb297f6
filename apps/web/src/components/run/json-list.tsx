import { formatValue, leafPaths, readPath } from '../runs/columns.ts';

/** A JSON object as a key/value list (nested keys dotted). */
export function JsonList({ value }: { value: unknown }) {
  const paths = leafPaths(value, 3);
  if (paths.length === 0) return <div className="muted">—</div>;
  return (
    <dl className="kv">
      {paths.map((p) => (
        <div key={p} style={{ display: 'contents' }}>
          <dt className="mono">{p}</dt>
          <dd>{formatValue(readPath(value, p))}</dd>
        </div>
      ))}
    </dl>
  );
}

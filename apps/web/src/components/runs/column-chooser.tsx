'use client';
import type { RunColumn } from './columns.ts';

/** Pick which params and summary keys are columns. */
export function ColumnChooser({
  available,
  chosen,
  onChange,
}: {
  available: readonly RunColumn[];
  chosen: readonly RunColumn[];
  onChange: (c: RunColumn[]) => void;
}) {
  const on = new Set(chosen.map((c) => c.id));
  return (
    <details className="column-chooser">
      <summary className="button">Columns ({chosen.length})</summary>
      <div className="column-chooser-menu panel">
        {(['summary', 'params'] as const).map((source) => (
          <div key={source}>
            <h3>{source}</h3>
            {available
              .filter((c) => c.source === source)
              .map((c) => (
                <label key={c.id} className="row">
                  <input
                    type="checkbox"
                    checked={on.has(c.id)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...chosen, c] : chosen.filter((x) => x.id !== c.id))
                    }
                  />
                  <span className="mono">{c.path}</span>
                </label>
              ))}
          </div>
        ))}
        {available.length === 0 && <div className="muted">No params or summary keys in the loaded runs.</div>}
      </div>
    </details>
  );
}

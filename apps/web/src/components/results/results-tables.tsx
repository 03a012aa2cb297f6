import { formatCell } from '@distillery/domain';

import { CsvButton } from '../csv/csv-button.tsx';
import { toCsv } from '../csv/csv-file.ts';
import type { GroupRow } from './pool.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** The method's tables: one per N teachers, rows p (descending), columns mode, cells "mean (SEM), n". */
export function ResultsTables({ rows, percent }: { rows: readonly GroupRow[]; percent: boolean }) {
  const ns = [...new Set(rows.map((r) => num(r.group.TEACHER_COUNT)))].sort((a, b) => a - b);
  const modes = [...new Set(rows.map((r) => String(r.group.MODE)))].sort();
  if (rows.length === 0) return <div className="empty">No succeeded student runs with this metric yet.</div>;
  return (
    <div className="grid-2" data-testid="results-tables">
      {ns.map((n) => {
        const sub = rows.filter((r) => num(r.group.TEACHER_COUNT) === n);
        const ps = [...new Set(sub.map((r) => num(r.group.FRACTION)))].sort((a, b) => b - a);
        return (
          <section key={n} className="panel">
            <div className="spread">
              <h2>{Number.isNaN(n) ? 'Teachers: unknown' : `${n} teacher${n === 1 ? '' : 's'}`}</h2>
              <CsvButton
                testId={`results-csv-${n}`}
                file={() => ({
                  name: `results-${n}-teachers.csv`,
                  // Long form, unrounded: one line per (p, mode) cell as the table pools it.
                  text: toCsv(
                    ['teachers', 'p', 'mode', 'mean', 'sem', 'n'],
                    [...sub]
                      .sort(
                        (a, b) =>
                          num(b.group.FRACTION) - num(a.group.FRACTION) ||
                          String(a.group.MODE).localeCompare(String(b.group.MODE)),
                      )
                      .map((r) => [
                        n,
                        r.group.FRACTION,
                        String(r.group.MODE).toLowerCase(),
                        r.mean,
                        r.sem,
                        r.n,
                      ]),
                  ),
                })}
              />
            </div>
            <table className="data">
              <thead>
                <tr>
                  <th>p</th>
                  {modes.map((m) => (
                    <th key={m} className="num">
                      {m.toLowerCase()}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ps.map((p) => {
                  const cells = modes.map((m) =>
                    sub.find((r) => num(r.group.FRACTION) === p && String(r.group.MODE) === m),
                  );
                  const best = Math.max(...cells.map((c) => c?.mean ?? Number.NEGATIVE_INFINITY));
                  return (
                    <tr key={p}>
                      <td>{Number.isNaN(p) ? '—' : p}</td>
                      {cells.map((c, i) => (
                        <td
                          key={modes[i]}
                          className={`num${c && c.mean === best && cells.filter(Boolean).length > 1 ? ' best' : ''}`}
                        >
                          {c ? formatCell(c, percent) : ''}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

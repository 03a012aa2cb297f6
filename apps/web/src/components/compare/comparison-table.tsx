'use client';
import { useMemo, useState } from 'react';

import { CsvButton } from '../csv/csv-button.tsx';
import { columnDigits, formatValue } from '../runs/columns.ts';
import { StatusChip } from '../runs/status-chip.tsx';
import { comparisonCsv, comparisonRows } from './comparison-rows.ts';
import type { FinalMetrics } from './final-metrics.ts';
import type { CompareRun } from './runs-by-ids.ts';
import { PageLink } from '../shell/page-link.tsx';

const SECTION_TITLE = { params: 'Params', metrics: 'Logged metrics', summary: 'Summary' } as const;

/**
 * Params and final metrics side by side, one column per run: rows whose values differ are
 * highlighted (and can be shown alone), the best value of each metric row is marked, and the table
 * downloads as CSV exactly as shown in full.
 */
export function ComparisonTable({
  projectId,
  runs,
  metrics,
  metricKeys,
}: {
  projectId: string;
  runs: readonly CompareRun[];
  metrics: FinalMetrics | null;
  metricKeys: readonly string[];
}) {
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const rows = useMemo(() => comparisonRows(runs, metrics, metricKeys), [runs, metrics, metricKeys]);
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  const differing = rows.filter((r) => r.section === 'params' && r.differs).length;
  return (
    <section className="panel compare-table" data-testid="comparison" data-metrics={metrics ? '1' : ''}>
      <div className="spread">
        <h2>Comparison</h2>
        <div className="toolbar">
          <span className="muted" data-testid="param-diff-count">
            {differing === 0 ? 'no param differs' : `${differing} param${differing === 1 ? '' : 's'} differ`}
          </span>
          <label>
            <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} />{' '}
            only differences
          </label>
          <CsvButton
            file={() => ({
              name: `compare-${projectId.slice(0, 8)}-${runs.length}-runs.csv`,
              text: comparisonCsv(runs, rows),
            })}
          />
        </div>
      </div>
      <div className="compare-table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th>field</th>
              {runs.map((r) => (
                <th key={r.id} title={r.id}>
                  <PageLink href={`/p/${projectId}/runs/${r.id}`}>{r.name}</PageLink>{' '}
                  <StatusChip status={r.status} />
                </th>
              ))}
            </tr>
          </thead>
          {(['params', 'metrics', 'summary'] as const).map((section) => {
            const part = shown.filter((r) => r.section === section);
            if (part.length === 0) return null;
            return (
              <tbody key={section}>
                <tr className="section">
                  <th colSpan={runs.length + 1}>{SECTION_TITLE[section]}</th>
                </tr>
                {part.map((r) => {
                  // One precision per row (the runs table's rule per column), so values compare digit by digit.
                  const digits = columnDigits(r.values);
                  return (
                    <tr
                      key={r.field}
                      className={r.differs ? 'differs' : undefined}
                      data-field={r.field}
                      data-differs={r.differs ? '1' : '0'}
                    >
                      <td className="mono">{r.field}</td>
                      {r.values.map((v, i) => (
                        <td
                          key={runs[i]!.id}
                          className={`${typeof v === 'number' ? 'num' : ''}${r.best.includes(i) ? ' best' : ''}`}
                          data-value={v === null ? '' : String(v)}
                          title={v === null ? undefined : String(v)}
                        >
                          {formatValue(v, digits)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}

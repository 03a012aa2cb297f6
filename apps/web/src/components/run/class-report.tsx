'use client';
import type { SplitRole } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { RunClassReportDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import { MatrixHeatmap } from '../charts/heatmap.tsx';
import { CsvButton } from '../csv/csv-button.tsx';
import { toCsv } from '../csv/csv-file.ts';
import { type ConfusionCell, MisclassifiedSamples } from './misclassified-samples.tsx';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`;

/**
 * Per-class precision, recall, F1 and support of a classifier's final predictions, with the confusion
 * matrix as a heatmap; class names are the dataset's. Shown once the run stored its final predictions.
 */
export function ClassReportPanel({ runId, finished }: { runId: string; finished: boolean }) {
  const [role, setRole] = useState<SplitRole>('TEST');
  const [cell, setCell] = useState<ConfusionCell | null>(null);
  const q = useGqlQuery(RunClassReportDocument, { id: runId, splitRole: role }, { skip: !finished });
  const report = q.data?.run?.classReport;
  if (!finished) return null;
  return (
    <>
      <section className="panel" data-testid="class-report" style={{ marginTop: 16 }}>
        <div className="spread">
          <h3>Per-class scores</h3>
          <div className="row muted">
            {report && (
              <span>
                {report.samples.toLocaleString()} samples · accuracy {pct(report.accuracy)} · macro F1{' '}
                {pct(report.macroF1)} · weighted F1 {pct(report.weightedF1)}
              </span>
            )}
            <select
              value={role}
              onChange={(e) => {
                setRole(e.target.value as SplitRole);
                setCell(null);
              }}
              aria-label="Split"
            >
              <option value="TEST">test</option>
              <option value="VAL">validation</option>
            </select>
            {report && (
              <CsvButton
                testId="class-report-csv"
                file={() => ({
                  name: `per-class-${role.toLowerCase()}-${runId.slice(0, 8)}.csv`,
                  text: toCsv(
                    ['class_index', 'class', 'precision', 'recall', 'f1', 'support'],
                    report.classes.map((c) => [c.index, c.name, c.precision, c.recall, c.f1, c.support]),
                  ),
                })}
              />
            )}
          </div>
        </div>
        {!report ? (
          <div className="muted">
            {q.loading
              ? 'Loading…'
              : `This run stored no ${role === 'TEST' ? 'test' : 'validation'} predictions with a confusion matrix.`}
          </div>
        ) : (
          <div className="grid-2">
            <table className="data" data-testid="class-table">
              <thead>
                <tr>
                  <th>class</th>
                  <th className="num">precision</th>
                  <th className="num">recall</th>
                  <th className="num">F1</th>
                  <th className="num">support</th>
                </tr>
              </thead>
              <tbody>
                {report.classes.map((c) => (
                  <tr key={c.index}>
                    <td>{c.name}</td>
                    <td className="num">{pct(c.precision)}</td>
                    <td className="num">{pct(c.recall)}</td>
                    <td className="num">{pct(c.f1)}</td>
                    <td className="num">{c.support.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <MatrixHeatmap
              rows={report.classNames}
              cols={report.classNames}
              values={report.confusion}
              format={(v) => String(v)}
              xName="predicted class"
              yName="true class"
              min={0}
              height={Math.max(320, Math.min(640, 90 + report.classNames.length * 28))}
              testId="class-confusion"
              selected={cell ? [cell.trueClass, cell.predictedClass] : null}
              // The diagonal holds the right answers: clicking it shows every mistake again.
              onCellClick={(t, p) => setCell(t === p ? null : { trueClass: t, predictedClass: p })}
            />
          </div>
        )}
      </section>
      {report && (
        <MisclassifiedSamples
          runId={runId}
          role={role}
          cell={cell}
          classNames={report.classNames}
          onClearCell={() => setCell(null)}
        />
      )}
    </>
  );
}

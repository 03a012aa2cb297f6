'use client';
import { useState } from 'react';

import type { EnsembleDetailFragment } from '../../graphql/generated/graphql.ts';
import { ruleName } from '../../lib/vocabulary.ts';
import { MatrixHeatmap } from '../charts/heatmap.tsx';
import { CsvButton } from '../csv/csv-button.tsx';
import { fileSafe, toCsv } from '../csv/csv-file.ts';
import { ruleResults } from './ensemble-charts.tsx';

/** How each pairwise measure reads (what "more diverse" means for it). */
const MEASURE_LABELS: Record<string, string> = {
  disagreement: 'disagreement (↑ diverse)',
  qStatistic: 'Q statistic (↓ diverse)',
  correlation: 'correlation ρ (↓ diverse)',
  kappa: 'Cohen κ (↓ diverse)',
  doubleFault: 'double fault (↓ diverse)',
  kendallTau: 'Kendall τ distance (↑ diverse)',
};

const fmt = (v: number | null | undefined, digits = 3) => (typeof v === 'number' ? v.toFixed(digits) : '–');

type Diversity = NonNullable<EnsembleDetailFragment['diversity']>;

/** Every pairwise measure as measure, member_a, member_b, value, then the non-pairwise ones. */
function diversityCsv(d: Diversity): string {
  const pairwise = d.measures.flatMap((m) =>
    m.values.flatMap((row, i) => row.map((v, j) => [m.measure, d.memberLabels[i], d.memberLabels[j], v])),
  );
  const single = (
    [
      ['entropy', d.entropy],
      ['kohaviWolpert', d.kohaviWolpert],
      ['interraterKappa', d.interraterKappa],
      ['oracleAccuracy', d.oracleAccuracy],
    ] as const
  ).map(([measure, v]) => [measure, '', '', v]);
  return toCsv(['measure', 'member_a', 'member_b', 'value'], [...pairwise, ...single]);
}

/** Pairwise diversity between members on the test split, one measure at a time, with the non-pairwise ones. */
export function DiversityPanel({ ensemble }: { ensemble: EnsembleDetailFragment }) {
  const d = ensemble.diversity;
  const [picked, setPicked] = useState('disagreement');
  const current = d?.measures.find((m) => m.measure === picked) ?? d?.measures[0];
  return (
    <section className="panel">
      <div className="spread">
        <h2>Member diversity (test split)</h2>
        {d && current && (
          <div className="row">
            <CsvButton
              testId="diversity-csv"
              file={() => ({
                name: `diversity-${fileSafe(ensemble.name)}-${ensemble.id.slice(0, 8)}.csv`,
                text: diversityCsv(d),
              })}
            />
            <select
              value={current.measure}
              onChange={(ev) => setPicked(ev.target.value)}
              aria-label="Diversity measure"
            >
              {d.measures.map((m) => (
                <option key={m.measure} value={m.measure}>
                  {MEASURE_LABELS[m.measure] ?? m.measure}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {d && current ? (
        <>
          <MatrixHeatmap
            rows={d.memberLabels}
            cols={d.memberLabels}
            values={current.values}
            format={(v) => v.toFixed(3)}
            testId="diversity"
          />
          <p className="muted" data-testid="diversity-nonpairwise">
            entropy {fmt(d.entropy)} · KW variance {fmt(d.kohaviWolpert)} · interrater κ{' '}
            {fmt(d.interraterKappa)} · oracle accuracy{' '}
            {typeof d.oracleAccuracy === 'number' ? `${(d.oracleAccuracy * 100).toFixed(2)} %` : '–'}
          </p>
        </>
      ) : (
        <div className="empty">
          No diversity stored: the evaluation run has not succeeded (or has fewer than 2 members).
        </div>
      )}
    </section>
  );
}

/** Confusion matrix (true class × predicted class) of the chosen fusion rule on the test split. */
export function ConfusionPanel({ ensemble }: { ensemble: EnsembleDetailFragment }) {
  const withMatrix = ruleResults(ensemble, 'TEST').filter((r) => r.confusion.length > 0);
  const [picked, setPicked] = useState<string | null>(null);
  const current = withMatrix.find((r) => ruleName(r.rule) === picked) ?? withMatrix[0];
  const classes = current ? current.confusion.map((_, i) => String(i)) : [];
  return (
    <section className="panel">
      <div className="spread">
        <h2>Confusion matrix (test split)</h2>
        {current && (
          <select
            value={ruleName(current.rule)}
            onChange={(ev) => setPicked(ev.target.value)}
            aria-label="Fusion rule"
          >
            {withMatrix.map((r) => (
              <option key={r.rule} value={ruleName(r.rule)}>
                {ruleName(r.rule)} ({(r.accuracy * 100).toFixed(2)} %)
              </option>
            ))}
          </select>
        )}
      </div>
      {current ? (
        <MatrixHeatmap
          rows={classes}
          cols={classes}
          values={current.confusion}
          format={(v) => String(v)}
          xName="predicted class"
          yName="true class"
          min={0}
          testId="confusion"
        />
      ) : (
        <div className="empty">No confusion matrix stored for this ensemble.</div>
      )}
    </section>
  );
}

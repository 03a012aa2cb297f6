'use client';
import { useState } from 'react';

import {
  FusionRuleChart,
  memberAccuracies,
  ruleResults,
  SizeChart,
} from '../../../../components/ensembles/ensemble-charts.tsx';
import { CsvButton } from '../../../../components/csv/csv-button.tsx';
import { fileSafe, toCsv } from '../../../../components/csv/csv-file.ts';
import { ConfusionPanel, DiversityPanel } from '../../../../components/ensembles/ensemble-matrices.tsx';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { EnsemblesDocument } from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';
import { ruleName } from '../../../../lib/vocabulary.ts';
import { PageLink } from '../../../../components/shell/page-link.tsx';

const METRIC = 'test_accuracy';

export default function EnsemblesPage() {
  const { id: projectId } = useProject();
  const q = useGqlQuery(EnsemblesDocument, { projectId });
  const [pick, setPick] = useState<string | null>(null);
  const list = q.data?.ensembles ?? [];
  const e = list.find((x) => x.id === pick) ?? list[0];
  const members = e ? memberAccuracies(e, METRIC) : [];
  const best = members.length ? Math.max(...members.map((m) => m.acc)) : null;
  const top = e ? ruleResults(e, 'TEST')[0] : undefined;
  return (
    <>
      <h1>Ensembles</h1>
      <QueryError error={q.error} />
      {list.length === 0 && !q.loading && (
        <div className="empty">No ensembles evaluated yet. Launch one from Launch → Evaluate ensemble.</div>
      )}
      {e && (
        <>
          <div className="toolbar">
            <label>
              Ensemble
              <select value={e.id} onChange={(ev) => setPick(ev.target.value)} aria-label="Ensemble">
                {list.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} ({x.members.length} members)
                  </option>
                ))}
              </select>
            </label>
            {e.run && (
              <PageLink href={`/p/${projectId}/runs/${e.run.id}`}>
                evaluation run ({e.run.status.toLowerCase()})
              </PageLink>
            )}
            <PageLink href={`/p/${projectId}/lineage?id=${e.id}`}>lineage</PageLink>
          </div>
          <div className="grid-3">
            <div className="panel">
              <h3>Best rule</h3>
              <div className="stat">{top ? `${(top.accuracy * 100).toFixed(2)} %` : '–'}</div>
              <div className="muted">{top ? ruleName(top.rule) : ''}</div>
            </div>
            <div className="panel">
              <h3>Best single member</h3>
              <div className="stat">{best !== null ? `${(best * 100).toFixed(2)} %` : '–'}</div>
              <div className="muted">of {e.members.length} members</div>
            </div>
            <div className="panel">
              <h3>Gain over best member</h3>
              <div className="stat">
                {top && best !== null ? `${((top.accuracy - best) * 100).toFixed(2)} pp` : '–'}
              </div>
            </div>
          </div>
          <div className="grid-2">
            <section className="panel">
              <h2>Fusion rules vs best single member</h2>
              <FusionRuleChart ensemble={e} metric={METRIC} />
            </section>
            <section className="panel">
              <h2>Accuracy vs ensemble size (mean ± SEM over ensembles)</h2>
              <SizeChart ensembles={list} />
            </section>
            <DiversityPanel key={`d-${e.id}`} ensemble={e} />
            <ConfusionPanel key={`c-${e.id}`} ensemble={e} />
            <section className="panel">
              <div className="spread">
                <h2>Rules on each split</h2>
                <CsvButton
                  testId="ensemble-rules-csv"
                  file={() => ({
                    name: `ensemble-rules-${fileSafe(e.name)}-${e.id.slice(0, 8)}.csv`,
                    text: toCsv(
                      ['rule', 'split', 'accuracy', 'nll', 'ece'],
                      e.results.map((r) => [
                        ruleName(r.rule),
                        r.splitRole.toLowerCase(),
                        r.accuracy,
                        r.nll,
                        r.ece,
                      ]),
                    ),
                  })}
                />
              </div>
              <table className="data">
                <thead>
                  <tr>
                    <th>rule</th>
                    <th>split</th>
                    <th className="num">accuracy</th>
                    <th className="num">NLL</th>
                    <th className="num">ECE</th>
                  </tr>
                </thead>
                <tbody>
                  {e.results.map((r) => (
                    <tr key={`${r.rule}-${r.splitRole}`}>
                      <td>{ruleName(r.rule)}</td>
                      <td>{r.splitRole.toLowerCase()}</td>
                      <td className="num">{(r.accuracy * 100).toFixed(2)}</td>
                      <td className="num">{r.nll?.toFixed(4) ?? ''}</td>
                      <td className="num">{r.ece?.toFixed(4) ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        </>
      )}
    </>
  );
}

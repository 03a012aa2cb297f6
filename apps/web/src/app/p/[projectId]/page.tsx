'use client';
import { useState } from 'react';

import { age, StatusChip } from '../../../components/runs/status-chip.tsx';
import { hasRole, useProject } from '../../../components/shell/project-context.tsx';
import { FirstSteps } from '../../../components/start/first-steps.tsx';
import { QueryError } from '../../../components/shell/query-error.tsx';
import {
  JobQueueChangedDocument,
  ProjectHomeDocument,
  RunsDocument,
} from '../../../graphql/generated/graphql.ts';
import { useGqlQuery, useSubscription } from '../../../lib/graphql/hooks.ts';
import { PageLink } from '../../../components/shell/page-link.tsx';

export default function ProjectHome() {
  const { id, role } = useProject();
  const home = useGqlQuery(ProjectHomeDocument, { id });
  const recent = useGqlQuery(RunsDocument, { projectId: id, first: 10 });
  const queued = useGqlQuery(RunsDocument, { projectId: id, first: 1, filter: { status: ['QUEUED'] } });
  const running = useGqlQuery(RunsDocument, { projectId: id, first: 1, filter: { status: ['RUNNING'] } });
  const live = useSubscription(JobQueueChangedDocument, { projectId: id }, () => {
    void queued.refetch();
    void running.refetch();
    void recent.refetch();
  });
  const p = home.data?.project;
  // Once shown, the first steps stay until the page is left: the sample's link lives in them.
  const [startShown, setStartShown] = useState(false);
  if (p?.runCount === 0 && !startShown) setStartShown(true);
  return (
    <>
      <QueryError error={home.error} />
      <div className="spread">
        <h1>{p?.name ?? 'Project'}</h1>
        <span className={`live ${live === 'live' ? 'live-on' : ''}`}>● queue {live}</span>
      </div>
      {p?.description && <p className="muted">{p.description}</p>}
      {p && startShown && (
        <FirstSteps projectId={id} slug={p.slug} canLaunch={role !== null && hasRole(role, 'MEMBER')} />
      )}
      <div className="grid-3">
        <div className="panel">
          <h3>Runs</h3>
          <div className="stat">{p?.runCount.toLocaleString() ?? '–'}</div>
        </div>
        <div className="panel">
          <h3>Queued</h3>
          <div className="stat" data-testid="queued-count">
            {queued.data?.runs.totalCount ?? '–'}
          </div>
        </div>
        <div className="panel">
          <h3>Running</h3>
          <div className="stat" data-testid="running-count">
            {running.data?.runs.totalCount ?? '–'}
          </div>
        </div>
      </div>
      <div className="grid-2">
        <section className="panel">
          <div className="spread">
            <h2>Recent runs</h2>
            <PageLink href={`/p/${id}/runs`}>All runs →</PageLink>
          </div>
          <table className="data">
            <tbody>
              {recent.data?.runs.edges.map(({ node: r }) => (
                <tr key={r.id}>
                  <td>
                    <PageLink href={`/p/${id}/runs/${r.id}`}>{r.name}</PageLink>
                  </td>
                  <td className="muted">{r.kind.toLowerCase()}</td>
                  <td>
                    <StatusChip status={r.status} />
                  </td>
                  <td className="muted">{age(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {recent.data?.runs.edges.length === 0 && <div className="empty">No runs yet.</div>}
        </section>
        <section className="panel">
          <h2>Datasets</h2>
          {p?.datasets.length === 0 && <div className="empty">No datasets registered yet.</div>}
          {p?.datasets.map((d) => (
            <div key={d.id} style={{ marginBottom: 12 }}>
              <div className="spread">
                <strong>{d.name}</strong>
                <span className="muted">
                  {d.height}×{d.width}×{d.channels} · {d.classNames.length} classes ·{' '}
                  {d.trainCount.toLocaleString()} train / {d.testCount.toLocaleString()} test
                </span>
              </div>
              {d.splits.map((s) => (
                <div key={s.id} className="muted" style={{ paddingLeft: 12 }}>
                  split seed {s.seed} ({s.method.toLowerCase()}, val {s.valFraction}): {s.trainCount}/
                  {s.valCount}/{s.testCount} · subsets p ∈{' '}
                  {[...new Set(s.subsets.map((x) => x.fraction))].sort((a, b) => b - a).join(', ') || '—'}{' '}
                  <PageLink href={`/p/${id}/lineage?id=${s.id}`}>lineage</PageLink>
                </div>
              ))}
            </div>
          ))}
        </section>
      </div>
    </>
  );
}

'use client';
import { isTerminalRunStatus } from '@distillery/domain';
import type { RunKind, RunStatus } from '@distillery/graphql-schema/types';
import { useParams } from 'next/navigation';
import { useCallback, useState } from 'react';

import { ClassReportPanel } from '../../../../../components/run/class-report.tsx';
import { RunConsole } from '../../../../../components/run/run-console.tsx';
import { RunDownloads } from '../../../../../components/run/run-downloads.tsx';
import { EnsembleRunView } from '../../../../../components/run/ensemble-run-view.tsx';
import { JsonList } from '../../../../../components/run/json-list.tsx';
import { RunActions } from '../../../../../components/run/run-actions.tsx';
import { RunCharts } from '../../../../../components/run/run-charts.tsx';
import { RunNotes } from '../../../../../components/run/run-notes.tsx';
import { TeacherContribution } from '../../../../../components/run/teacher-contribution.tsx';
import { useLiveMetrics } from '../../../../../components/run/use-live-metrics.ts';
import { age, StatusChip } from '../../../../../components/runs/status-chip.tsx';
import { QueryError } from '../../../../../components/shell/query-error.tsx';
import { RunDocument, RunUpdatedDocument } from '../../../../../graphql/generated/graphql.ts';
import { useGqlQuery, useSubscription } from '../../../../../lib/graphql/hooks.ts';
import { PageLink } from '../../../../../components/shell/page-link.tsx';

// Only training runs save checkpoints; an ensemble evaluation, a grid or a prediction never does.
const TRAINED_KINDS: readonly RunKind[] = ['TEACHER', 'STUDENT', 'BASELINE'];

export default function RunPage() {
  const { projectId, runId } = useParams<{ projectId: string; runId: string }>();
  const q = useGqlQuery(RunDocument, { id: runId });
  const run = q.data?.run;
  const [liveStatus, setLiveStatus] = useState<{ status: RunStatus; summary: unknown } | null>(null);
  useSubscription(RunUpdatedDocument, { projectId }, (d) => {
    if (d.runUpdated.id !== runId) return;
    setLiveStatus({ status: d.runUpdated.status, summary: d.runUpdated.summary });
    if (d.runUpdated.status !== run?.status) void q.refetch();
  });
  const metrics = useLiveMetrics(runId, run?.metricKeys, true);
  const refetch = useCallback(() => void q.refetch(), [q]);
  if (!run)
    return q.error ? (
      <QueryError error={q.error} />
    ) : (
      <div className="empty">{q.loading ? 'Loading…' : 'Run not found.'}</div>
    );
  const status = liveStatus?.status ?? run.status;
  const summary = liveStatus?.summary ?? run.summary;
  return (
    <>
      <div className="spread">
        <div>
          <div className="muted">
            <PageLink href={`/p/${projectId}/runs`}>Runs</PageLink> / {run.kind.toLowerCase()}
          </div>
          <h1 className="row">
            {run.name} <StatusChip status={status} />
          </h1>
        </div>
        <div className="row">
          <span className={`live ${metrics.live === 'live' ? 'live-on' : ''}`} data-testid="live-state">
            ● {metrics.live}
          </span>
          <PageLink className="button" href={`/p/${projectId}/lineage?id=${run.id}`}>
            Lineage
          </PageLink>
          <RunActions runId={run.id} status={status} onDone={refetch} />
        </div>
      </div>
      {run.failureReason && <div className="banner error">{run.failureReason}</div>}
      {run.ensemble ? (
        <EnsembleRunView ensemble={run.ensemble} />
      ) : (
        <RunCharts
          series={metrics.series}
          loaded={metrics.loaded || run.metricKeys.length === 0}
          error={metrics.error}
          onRetry={metrics.retry}
          // A student's per-teacher series are drawn together, under the teachers' names, below.
          perTeacherApart={!!run.student}
        />
      )}
      {run.student && (
        <TeacherContribution
          mode={run.student.mode}
          members={run.student.members}
          series={metrics.series}
          projectId={projectId}
        />
      )}
      {TRAINED_KINDS.includes(run.kind) && (
        <ClassReportPanel runId={run.id} finished={status === 'SUCCEEDED'} />
      )}
      <div style={{ marginTop: 16 }}>
        <RunConsole runId={run.id} live={!isTerminalRunStatus(status)} />
      </div>
      <div className="grid-3" style={{ marginTop: 16 }}>
        <section className="panel">
          <h3>Summary</h3>
          {/* The diversity matrices are drawn above as heatmaps, not listed number by number. */}
          <JsonList value={summary} omit={run.ensemble ? ['diversity'] : []} />
        </section>
        <section className="panel">
          <h3>Params</h3>
          <JsonList value={run.params} />
          <dl className="kv" style={{ marginTop: 8 }}>
            <dt>seed</dt>
            <dd>{run.seed}</dd>
            <dt>architecture</dt>
            <dd>{run.architectureKey ?? '—'}</dd>
            {run.parameterCount !== null && (
              <>
                <dt>parameters</dt>
                <dd>{run.parameterCount.toLocaleString()}</dd>
              </>
            )}
            {run.teacher && (
              <>
                <dt>teacher</dt>
                <dd>
                  p = {run.teacher.fraction}, {run.teacher.origin.toLowerCase()}
                </dd>
              </>
            )}
            {run.student && (
              <>
                <dt>student</dt>
                <dd>
                  {run.student.mode.toLowerCase()}, α = {run.student.alpha}, T = {run.student.temperature} (
                  {run.student.temperatureMode.toLowerCase()}), {run.student.teachers.length} teachers
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel">
          <h3>Tags and note</h3>
          <RunNotes key={run.id} runId={run.id} tags={run.tags} note={run.note} />
          <dl className="kv" style={{ marginTop: 12 }}>
            <dt>created</dt>
            <dd>{age(run.createdAt)}</dd>
            <dt>started</dt>
            <dd>{age(run.startedAt) || '—'}</dd>
            <dt>finished</dt>
            <dd>{age(run.finishedAt) || '—'}</dd>
            <dt>runner</dt>
            <dd>
              {run.runnerId ?? '—'} (attempt {run.attempt})
            </dd>
            <dt>heartbeat</dt>
            <dd>{age(run.heartbeatAt) || '—'}</dd>
          </dl>
        </section>
      </div>
      <div className="grid-2">
        {TRAINED_KINDS.includes(run.kind) && (
          <section className="panel">
            <h3>Checkpoints</h3>
            {run.checkpoints.length === 0 ? (
              <div className="muted">
                {isTerminalRunStatus(status)
                  ? 'This run saved no checkpoints.'
                  : 'None yet: checkpoints appear as the run saves them.'}
              </div>
            ) : (
              <table className="data">
                <thead>
                  <tr>
                    <th>kind</th>
                    <th className="num">epoch</th>
                    <th className="num">step</th>
                    <th className="num">cycle</th>
                    <th>metrics</th>
                  </tr>
                </thead>
                <tbody>
                  {run.checkpoints.map((c) => (
                    <tr key={c.id}>
                      <td>{c.kind.toLowerCase()}</td>
                      <td className="num">{c.epoch}</td>
                      <td className="num">{c.step}</td>
                      <td className="num">{c.cycle ?? ''}</td>
                      <td className="mono">{JSON.stringify(c.metrics)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
        {/* Beside the checkpoints it names; keyed on the status: a run that ends has just stored its final artifacts. */}
        <RunDownloads
          key={status}
          runId={run.id}
          runName={run.name}
          hasMetrics={run.metricKeys.length > 0 || Object.keys(metrics.series).length > 0}
        />
        <section className="panel">
          <h3>Status log</h3>
          <table className="data">
            <tbody>
              {run.events.map((e) => (
                <tr key={e.id}>
                  <td className="muted" title={e.at}>
                    {new Date(e.at).toLocaleString()}
                  </td>
                  <td>{e.type.toLowerCase()}</td>
                  <td className="muted">{e.message}</td>
                  <td className="muted">#{e.attempt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}

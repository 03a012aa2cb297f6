import type { WorkersQuery } from '../../graphql/generated/graphql.ts';
import { PageLink } from '../shell/page-link.tsx';

type RunnerRow = WorkersQuery['runners'][number];

/** "4 s", "3 min", "2 h": how long a runner has been silent. */
export function silence(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h`;
}

function engineOf(r: RunnerRow): string {
  return `${r.nativeCpu && r.engine !== 'tfjs' ? `${r.engine} · ${r.nativeCpu}` : r.engine} engine`;
}

function HeldRuns({ r }: { r: RunnerRow }) {
  const hidden = r.heldRunCount - r.heldRuns.length;
  if (r.heldRunCount === 0) return <span className="muted">idle</span>;
  return (
    <div className="held-runs">
      {r.heldRuns.map((run) => (
        <PageLink key={run.id} href={`/p/${run.projectId}/runs/${run.id}`} title={run.kind.toLowerCase()}>
          {run.name}
        </PageLink>
      ))}
      {hidden > 0 && (
        <span className="muted" title="runs of projects you are not a member of">
          {r.heldRuns.length > 0 ? '+' : ''}
          {hidden} in other projects
        </span>
      )}
    </div>
  );
}

/** The registered runners: where they run, on what, what they serve, how alive, and what they hold. */
export function RunnerTable({ runners }: { runners: RunnerRow[] }) {
  if (runners.length === 0)
    return (
      <div className="empty">
        No runner has been seen in the last 24 hours; runners register here when they start (npm start runs
        one).
      </div>
    );
  return (
    <table className="data runner-table" data-testid="runner-table">
      <thead>
        <tr>
          <th>Runner</th>
          <th>State</th>
          <th>Backend / engine</th>
          <th>CPU / GPU</th>
          <th>Queues</th>
          <th className="num">Slots</th>
          <th className="num">Heartbeat</th>
          <th>Holds</th>
        </tr>
      </thead>
      <tbody>
        {runners.map((r) => (
          <tr key={r.id} data-runner={r.id} className={r.state === 'STOPPED' ? 'muted' : ''}>
            <td>
              <div className="runner-host">{r.host}</div>
              <div className="muted mono" title={r.version ? `commit ${r.version}` : undefined}>
                {r.id}
                {r.version && ` · ${r.version.slice(0, 7)}`}
              </div>
              {r.project && <div className="muted">runner token of {r.project.name}</div>}
            </td>
            <td>
              <span className={`chip runner-${r.state}`} data-testid="runner-state">
                {r.state.toLowerCase()}
              </span>
            </td>
            <td>
              <div>{r.backend}</div>
              <div className="muted">{engineOf(r)}</div>
            </td>
            <td>
              <div title={r.cpuModel}>
                {r.cpuCores} cores · <span className="muted">{r.cpuModel}</span>
              </div>
              <div className={r.gpus.length ? '' : 'muted'}>
                {r.gpus.length
                  ? r.gpus.map((g) => `${g.name} (${Math.round(g.memoryMb / 1024)} GB)`).join(', ')
                  : 'no GPU'}
              </div>
            </td>
            <td>
              {r.queues.map((q) => (
                <span key={q} className="tag">
                  {q}
                </span>
              ))}
            </td>
            <td className="num">
              {r.heldRunCount}/{r.concurrency}
            </td>
            <td className="num" title={`every ${r.heartbeatMs / 1000} s; last ${r.heartbeatAt}`}>
              {r.state === 'STOPPED' ? 'stopped' : `${silence(r.heartbeatAgeSeconds)} ago`}
            </td>
            <td>
              <HeldRuns r={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

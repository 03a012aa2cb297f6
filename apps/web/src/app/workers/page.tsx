'use client';
import { QueryError } from '../../components/shell/query-error.tsx';
import { QueueTable, queueRows } from '../../components/workers/queue-table.tsx';
import { RunnerTable } from '../../components/workers/runner-table.tsx';
import { WorkersDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import '../../components/workers/workers.css';

/** Polled, not subscribed: a heartbeat is no event, and the ages must move on screen anyway. */
const POLL_MS = 5000;

/** Workers and queues (ClearML's page): every runner with what it holds, and the queue's depth. */
export default function WorkersPage() {
  const { data, error, loading } = useGqlQuery(WorkersDocument, {}, { pollMs: POLL_MS });
  const runners = data?.runners ?? [];
  const live = runners.filter((r) => r.state === 'LIVE').length;
  return (
    <main className="page workers-page">
      <div className="spread">
        <h1>Workers and queues</h1>
        <span className={`live ${data && !error ? 'live-on' : ''}`} data-testid="workers-refresh">
          ● refreshed every {POLL_MS / 1000} s
        </span>
      </div>
      <QueryError error={error} />
      {loading && !data && <div className="empty">Loading…</div>}
      {data && (
        <>
          <section className="panel">
            <div className="spread">
              <h2>Runners</h2>
              <span className="muted">
                {live} live of {runners.length} seen in the last 24 h
              </span>
            </div>
            <RunnerTable runners={runners} />
          </section>
          <section className="panel">
            <h2>Queues</h2>
            <QueueTable rows={queueRows(data.jobQueues.depths, runners)} capped={data.jobQueues.capped} />
          </section>
        </>
      )}
    </main>
  );
}

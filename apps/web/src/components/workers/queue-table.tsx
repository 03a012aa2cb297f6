import type { WorkersQuery } from '../../graphql/generated/graphql.ts';
import { CsvButton } from '../csv/csv-button.tsx';
import { toCsv } from '../csv/csv-file.ts';

type Depth = WorkersQuery['jobQueues']['depths'][number];

interface QueueRow {
  queue: string;
  waiting: number;
  running: number;
  scheduled: number;
  failed: number;
  tasks: Depth[];
  liveRunners: number;
}

/** "train-teacher: 2 waiting, 1 running": the non-zero figures of one task. */
function taskSummary(t: Depth): string {
  const parts = (
    [
      ['waiting', t.waiting],
      ['running', t.running],
      ['due later', t.scheduled],
      ['failed', t.failed],
    ] as const
  ).filter(([, n]) => n > 0);
  return `${t.task}: ${parts.map(([what, n]) => `${n} ${what}`).join(', ')}`;
}

/** One row per queue: the queue's tasks summed, and how many live runners serve it. */
export function queueRows(depths: Depth[], runners: WorkersQuery['runners']): QueueRow[] {
  const live = runners.filter((r) => r.state === 'LIVE');
  const names = [...new Set([...depths.map((d) => d.queue), ...live.flatMap((r) => r.queues)])].sort();
  return names.map((queue) => {
    const tasks = depths.filter((d) => d.queue === queue);
    const sum = (k: 'waiting' | 'running' | 'scheduled' | 'failed') => tasks.reduce((a, d) => a + d[k], 0);
    return {
      queue,
      waiting: sum('waiting'),
      running: sum('running'),
      scheduled: sum('scheduled'),
      failed: sum('failed'),
      tasks,
      liveRunners: live.filter((r) => r.queues.includes(queue)).length,
    };
  });
}

/** Jobs per queue (waiting, running, due later, out of attempts) and the live runners serving each. */
export function QueueTable({ rows, capped }: { rows: QueueRow[]; capped: boolean }) {
  if (rows.length === 0) return <div className="empty">The queue is empty and no runner is live.</div>;
  return (
    <>
      <table className="data" data-testid="queue-table">
        <thead>
          <tr>
            <th>Queue</th>
            <th className="num">Waiting</th>
            <th className="num">Running</th>
            <th className="num">Due later</th>
            <th className="num">Failed</th>
            <th className="num">Live runners</th>
            <th>By job kind</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((q) => (
            <tr key={q.queue} data-queue={q.queue}>
              <td>
                <span className="tag">{q.queue || '(none)'}</span>
              </td>
              <td className="num" data-testid="queue-waiting">
                {q.waiting}
              </td>
              <td className="num" data-testid="queue-running">
                {q.running}
              </td>
              <td className="num">{q.scheduled}</td>
              <td className={`num ${q.failed ? 'queue-failed' : ''}`}>{q.failed}</td>
              <td className={`num ${q.liveRunners === 0 && q.waiting > 0 ? 'queue-unserved' : ''}`}>
                {q.liveRunners}
              </td>
              <td className="muted">{q.tasks.map(taskSummary).join(' · ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {capped && <p className="muted">Counting stopped at 10,000 jobs: the figures are lower bounds.</p>}
      <div className="toolbar">
        <CsvButton
          testId="queue-csv"
          file={() => ({
            name: 'queues.csv',
            // One line per queue and job kind (the table's per-kind summary, in columns).
            text: toCsv(
              ['queue', 'task', 'waiting', 'running', 'due_later', 'failed', 'live_runners'],
              rows.flatMap((q) =>
                (q.tasks.length ? q.tasks : [null]).map((t) => [
                  q.queue,
                  t?.task ?? '',
                  t?.waiting ?? 0,
                  t?.running ?? 0,
                  t?.scheduled ?? 0,
                  t?.failed ?? 0,
                  q.liveRunners,
                ]),
              ),
            ),
          })}
        />
      </div>
    </>
  );
}

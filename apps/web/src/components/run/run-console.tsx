'use client';
import { useLayoutEffect, useRef, useState } from 'react';

import { QueryError } from '../shell/query-error.tsx';
import { useRunLogs } from './use-run-logs.ts';

const time = (at: string) => new Date(at).toLocaleTimeString(undefined, { hour12: false });

/**
 * The run's console: its job's log lines, following live output while scrolled to the end (scrolling
 * up stops following; "Follow" resumes), with earlier pages loaded on request.
 */
export function RunConsole({ runId, live }: { runId: string; live: boolean }) {
  const logs = useRunLogs(runId, live);
  const box = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const keepFrom = useRef<{ height: number; top: number } | null>(null);

  // Following: stay at the end as lines arrive. Paging back: keep the line in view where it was.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (keepFrom.current) {
      el.scrollTop = keepFrom.current.top + (el.scrollHeight - keepFrom.current.height);
      keepFrom.current = null;
    } else if (follow) el.scrollTop = el.scrollHeight;
  }, [logs.lines, follow]);

  const older = () => {
    const el = box.current;
    if (el) keepFrom.current = { height: el.scrollHeight, top: el.scrollTop };
    logs.loadOlder();
  };
  const onScroll = () => {
    const el = box.current;
    if (!el || keepFrom.current) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < 8);
  };

  return (
    <section className="panel" data-testid="run-console">
      <div className="spread">
        <h3>Console</h3>
        <div className="row muted">
          <span data-testid="console-count">
            {logs.total.toLocaleString()} lines
            {logs.dropped > 0 && `, ${logs.dropped.toLocaleString()} dropped at the run's cap`}
            {logs.truncated > 0 && `, ${logs.truncated.toLocaleString()} cut to 2,000 characters`}
          </span>
          <label className="row">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow
          </label>
        </div>
      </div>
      <QueryError error={logs.error} />
      <div className="console" ref={box} onScroll={onScroll} role="log" aria-live="polite">
        {logs.hasBefore && (
          <button className="console-older" onClick={older} disabled={logs.loadingOlder}>
            {logs.loadingOlder ? 'Loading…' : `Load earlier lines (before #${logs.lines[0]?.seq})`}
          </button>
        )}
        {logs.lines.length === 0 ? (
          <div className="muted">
            {!logs.loaded ? 'Loading…' : live ? 'No output yet.' : 'This run wrote no console output.'}
          </div>
        ) : (
          logs.lines.map((l) => (
            <div key={l.seq} className={`console-line ${l.level}`} data-seq={l.seq}>
              <span className="console-time" title={l.at}>
                {time(l.at)}
              </span>
              <span className="console-level">{l.level}</span>
              <span className="console-msg">{l.message}</span>
            </div>
          ))
        )}
      </div>
    </section>
  );
}

'use client';
import type { RunFilter, RunKind, RunOrder, RunStatus } from '@distillery/graphql-schema/types';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';

import { ColumnChooser } from '../../../../components/runs/column-chooser.tsx';
import { defaultColumns, leafPaths, type RunColumn } from '../../../../components/runs/columns.ts';
import { parseWhere } from '../../../../components/runs/filter-expr.ts';
import { RunsTable } from '../../../../components/runs/runs-table.tsx';
import { useRunPages } from '../../../../components/runs/use-run-pages.ts';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { RunUpdatedDocument } from '../../../../graphql/generated/graphql.ts';
import { useSubscription } from '../../../../lib/graphql/hooks.ts';

const KINDS: RunKind[] = ['TEACHER', 'STUDENT', 'BASELINE', 'ENSEMBLE_EVAL', 'EXPERIMENT', 'PREDICT'];
const STATUSES: RunStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export default function RunsPage() {
  const { id: projectId } = useProject();
  const router = useRouter();
  const [kind, setKind] = useState<RunKind | ''>('');
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [name, setName] = useState('');
  const [tag, setTag] = useState('');
  const [whereText, setWhereText] = useState('');
  const [where, setWhere] = useState('');
  const [order, setOrder] = useState<RunOrder>({ field: 'CREATED_AT', direction: 'DESC' });
  const [chosen, setChosen] = useState<RunColumn[] | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const parsed = useMemo(() => parseWhere(where), [where]);
  const filter = useMemo<RunFilter | null>(() => {
    const f: RunFilter = {};
    if (kind) f.kind = [kind];
    if (status) f.status = [status];
    if (name.trim()) f.nameContains = name.trim();
    if (tag.trim())
      f.tagsAny = tag
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    if (!parsed.error && parsed.params.length) f.params = parsed.params;
    if (!parsed.error && parsed.summary.length) f.summary = parsed.summary;
    return Object.keys(f).length ? f : null;
  }, [kind, status, name, tag, parsed]);
  const pages = useRunPages(projectId, filter, order);
  const patch = pages.patch;
  const live = useSubscription(
    RunUpdatedDocument,
    // Subscribe once the first page is in, so the handshake does not compete with it.
    projectId && pages.rows.length > 0 ? { projectId } : null,
    (d) => patch(d.runUpdated),
  );

  const available = useMemo(() => {
    const seen = new Map<string, RunColumn>();
    for (const r of pages.rows.slice(0, 300)) {
      for (const source of ['summary', 'params'] as const) {
        for (const path of leafPaths(source === 'params' ? r.params : r.summary)) {
          const id = `${source}.${path}`;
          if (!seen.has(id)) seen.set(id, { id, label: path, source, path });
        }
      }
    }
    return [...seen.values()];
  }, [pages.rows]);
  const columns = chosen ?? defaultColumns(available);
  const toggle = useCallback((id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  return (
    <>
      <div className="spread">
        <h1>Runs</h1>
        <div className="row">
          <span className={`live ${live === 'live' ? 'live-on' : ''}`}>● {live}</span>
          <span className="muted" data-testid="runs-total">
            {pages.total.toLocaleString()} runs
          </span>
          <button
            type="button"
            className="primary"
            disabled={selected.size < 1}
            onClick={() => router.push(`/p/${projectId}/compare?runs=${[...selected].join(',')}`)}
          >
            Compare {selected.size > 0 ? selected.size : ''}
          </button>
        </div>
      </div>
      <div className="toolbar">
        <input
          placeholder="Name contains…"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Name contains"
        />
        <select value={kind} onChange={(e) => setKind(e.target.value as RunKind | '')} aria-label="Kind">
          <option value="">All kinds</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k.toLowerCase()}
            </option>
          ))}
        </select>
        <select
          value={status}
          onChange={(e) => setStatus(e.target.value as RunStatus | '')}
          aria-label="Status"
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
        <input
          placeholder="Tags (any of a, b)"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
          aria-label="Tags"
        />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setWhere(whereText);
          }}
          style={{ flex: 1, minWidth: 280 }}
        >
          <input
            style={{ width: '100%' }}
            className="mono"
            placeholder="where: summary.test_accuracy >= 0.8, params.mode = MIMIC_ALL  (Enter)"
            value={whereText}
            onChange={(e) => setWhereText(e.target.value)}
            aria-label="Where"
          />
        </form>
        <ColumnChooser available={available} chosen={columns} onChange={setChosen} />
      </div>
      {parsed.error && <div className="banner error">{parsed.error}</div>}
      <QueryError error={pages.error} />
      <RunsTable
        projectId={projectId}
        rows={pages.rows}
        total={pages.total}
        columns={columns}
        order={order}
        onSort={setOrder}
        selected={selected}
        onToggle={toggle}
        onNeedMore={pages.loadMore}
      />
      {!pages.loading && pages.rows.length === 0 && !pages.error && (
        <div className="empty">No runs match.</div>
      )}
    </>
  );
}

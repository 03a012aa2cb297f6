'use client';
import type { RunFilter } from '@distillery/graphql-schema/types';
import { useParams } from 'next/navigation';
import { Suspense, useCallback, useMemo, useState } from 'react';

import '../../../../components/runs/runs.css';
import {
  columnOfId,
  defaultColumns,
  leafPaths,
  type RunColumn,
} from '../../../../components/runs/columns.ts';
import { digitsByColumn, displayRows } from '../../../../components/runs/display-rows.ts';
import { parseWhere } from '../../../../components/runs/filter-expr.ts';
import { groupableKeys, groupRuns } from '../../../../components/runs/group-runs.ts';
import { RunsActions } from '../../../../components/runs/runs-actions.tsx';
import { RunsTable } from '../../../../components/runs/runs-table.tsx';
import { RunsToolbar } from '../../../../components/runs/runs-toolbar.tsx';
import { SavedViews } from '../../../../components/runs/saved-views.tsx';
import { useRunPages } from '../../../../components/runs/use-run-pages.ts';
import { useRunsView } from '../../../../components/runs/use-runs-view.ts';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { RunUpdatedDocument } from '../../../../graphql/generated/graphql.ts';
import { useSubscription } from '../../../../lib/graphql/hooks.ts';

function Runs() {
  const { id: projectId } = useProject();
  // Links keep the URL's own project reference (a slug stays a slug).
  const base = `/p/${useParams<{ projectId: string }>().projectId}`;
  const [view, update] = useRunsView();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const parsed = useMemo(() => parseWhere(view.where), [view.where]);
  const filter = useMemo<RunFilter | null>(() => {
    const f: RunFilter = {};
    if (view.kind) f.kind = [view.kind];
    if (view.status) f.status = [view.status];
    if (view.name) f.nameContains = view.name;
    if (view.tag)
      f.tagsAny = view.tag
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    if (parsed.params.length) f.params = parsed.params;
    if (parsed.summary.length) f.summary = parsed.summary;
    return Object.keys(f).length ? f : null;
  }, [view.kind, view.status, view.name, view.tag, parsed]);
  const grouped = view.group !== '';
  // A where-expression that does not parse asks nothing: its error is shown, not every run.
  const pages = useRunPages(projectId, filter, view.order, { all: grouped, enabled: !parsed.error });
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
  const columns = useMemo(
    () =>
      view.columns
        ? view.columns.flatMap((id) => available.find((c) => c.id === id) ?? columnOfId(id) ?? [])
        : defaultColumns(available),
    [view.columns, available],
  );
  const groups = useMemo(
    () => (grouped && pages.complete ? groupRuns(pages.rows, view.group, columns) : null),
    [grouped, pages.complete, pages.rows, view.group, columns],
  );
  const rows = useMemo(
    () => (grouped && !groups ? [] : displayRows(pages.rows, groups, open)),
    [grouped, groups, pages.rows, open],
  );
  const digits = useMemo(() => digitsByColumn(pages.rows, columns), [pages.rows, columns]);
  const groupKeys = useMemo(() => groupableKeys(pages.rows, available), [pages.rows, available]);
  // Ticks show at once (useRunsView shows the view it asked for until the URL catches up).
  const selectedIds = view.selected;
  const selected = useMemo(() => new Set(selectedIds), [selectedIds]);
  const toggle = useCallback(
    (ids: string[], on: boolean) => {
      const next = new Set(selectedIds);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      update({ selected: [...next] });
    },
    [selectedIds, update],
  );
  const toggleGroup = useCallback(
    (id: string) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const whereError = parsed.error;

  return (
    <>
      <div className="spread">
        <h1>Runs</h1>
        <RunsActions
          base={base}
          projectId={projectId}
          filter={filter}
          order={view.order}
          total={pages.total}
          selected={selectedIds}
          rows={rows}
          columns={columns}
          digits={digits}
          groupKey={view.group}
          live={live}
          disabled={Boolean(whereError || pages.error)}
        />
      </div>
      <SavedViews view={view} apply={(v) => update(v)} />
      <RunsToolbar
        view={view}
        update={update}
        available={available}
        columns={columns}
        groupKeys={groupKeys}
      />
      {whereError && (
        <div className="banner error" role="alert" data-testid="where-error">
          <strong>where</strong> {whereError}
        </div>
      )}
      <QueryError error={pages.error} />
      {grouped && !groups && !pages.error && !whereError && (
        <div className="muted" data-testid="grouping-progress">
          Loading {pages.rows.length.toLocaleString()} of {pages.total.toLocaleString()} runs to group…
        </div>
      )}
      {!whereError && !pages.error && (
        <RunsTable
          base={base}
          rows={rows}
          total={pages.total}
          columns={columns}
          digits={digits}
          grouped={grouped}
          order={view.order}
          onSort={(order) => update({ order })}
          selected={selected}
          onToggle={toggle}
          onToggleGroup={toggleGroup}
          onNeedMore={pages.loadMore}
        />
      )}
      {!pages.loading && pages.rows.length === 0 && !pages.error && !whereError && (
        <div className="empty">No runs match.</div>
      )}
    </>
  );
}

export default function RunsPage() {
  return (
    <Suspense>
      <Runs />
    </Suspense>
  );
}

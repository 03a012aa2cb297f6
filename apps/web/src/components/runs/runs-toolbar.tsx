'use client';
import type { RunKind, RunStatus } from '@distillery/graphql-schema/types';
import { useEffect, useState } from 'react';

import { RUN_KINDS, RUN_STATUSES } from '../../lib/vocabulary.ts';
import { ColumnChooser } from './column-chooser.tsx';
import type { RunColumn } from './columns.ts';
import type { RunsViewState } from './runs-view-state.ts';

/** A text box whose value reaches the URL a moment after typing stops (one history entry, not one per key). */
function useDraft(value: string, commit: (v: string) => void, delayMs = 400) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const t = setTimeout(() => commit(draft), delayMs);
    return () => clearTimeout(t);
  }, [draft, value, commit, delayMs]);
  return [draft, setDraft] as const;
}

/** Filters, where-expression, columns and grouping of the runs table; every choice goes to the URL. */
export function RunsToolbar({
  view,
  update,
  available,
  columns,
  groupKeys,
}: {
  view: RunsViewState;
  update: (patch: Partial<RunsViewState>) => void;
  available: readonly RunColumn[];
  columns: readonly RunColumn[];
  groupKeys: readonly string[];
}) {
  const [name, setName] = useDraft(view.name, (v) => update({ name: v.trim(), selected: [] }));
  const [tag, setTag] = useDraft(view.tag, (v) => update({ tag: v.trim(), selected: [] }));
  const [where, setWhere] = useState(view.where);
  useEffect(() => setWhere(view.where), [view.where]);
  const keys = view.group && !groupKeys.includes(view.group) ? [view.group, ...groupKeys] : groupKeys;
  return (
    <div className="toolbar">
      <input
        placeholder="Name contains…"
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-label="Name contains"
      />
      <select
        value={view.kind}
        onChange={(e) => update({ kind: e.target.value as RunKind | '', selected: [] })}
        aria-label="Kind"
      >
        <option value="">All kinds</option>
        {RUN_KINDS.map((k) => (
          <option key={k} value={k}>
            {k.toLowerCase()}
          </option>
        ))}
      </select>
      <select
        value={view.status}
        onChange={(e) => update({ status: e.target.value as RunStatus | '', selected: [] })}
        aria-label="Status"
      >
        <option value="">Any status</option>
        {RUN_STATUSES.map((s) => (
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
          update({ where: where.trim(), selected: [] });
        }}
        style={{ flex: 1, minWidth: 420 }}
      >
        <input
          style={{ width: '100%' }}
          className="mono"
          placeholder="where: summary.test_accuracy >= 0.8, params.mode = MIMIC_ALL  (Enter)"
          value={where}
          onChange={(e) => setWhere(e.target.value)}
          aria-label="Where"
        />
      </form>
      <label>
        Group by
        <select value={view.group} onChange={(e) => update({ group: e.target.value })} aria-label="Group by">
          <option value="">none</option>
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <ColumnChooser
        available={available}
        chosen={columns}
        onChange={(c) => update({ columns: c.map((x) => x.id) })}
      />
    </div>
  );
}

'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useState } from 'react';

import {
  DeleteSavedViewDocument,
  SavedViewsDocument,
  SaveViewDocument,
} from '../../graphql/generated/graphql.ts';
import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';
import { hasRole, useProject } from '../shell/project-context.tsx';
import { QueryError } from '../shell/query-error.tsx';
import { readRunsView, type RunsViewState, writeRunsView } from './runs-view-state.ts';

/** What a saved view keeps: the whole view but the selection (which runs are ticked is not a view). */
function stateOf(v: RunsViewState): Omit<RunsViewState, 'selected'> {
  const { selected: _selected, ...rest } = v;
  return rest;
}

/** A saved state back as a view, through the URL reader (so whatever it holds is checked the same way). */
function viewOf(state: unknown): RunsViewState {
  const base = readRunsView(new URLSearchParams());
  const merged = { ...base, ...(state as Partial<RunsViewState>), selected: [] };
  return readRunsView(new URLSearchParams(writeRunsView(merged)));
}

/** Open a saved view of the project, save the current one under a name (MEMBER), delete one's own. */
export function SavedViews({ view, apply }: { view: RunsViewState; apply: (v: RunsViewState) => void }) {
  const { id: projectId, role } = useProject();
  const list = useGqlQuery(SavedViewsDocument, { projectId });
  const save = useGqlMutation(SaveViewDocument);
  const remove = useGqlMutation(DeleteSavedViewDocument);
  const [picked, setPicked] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<AppError | undefined>();
  const views = list.data?.savedViews ?? [];
  const current = views.find((v) => v.id === picked);
  const canSave = hasRole(role, 'MEMBER');
  const run = async (f: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await f();
    } catch (e) {
      setError(toAppError(e));
    }
  };
  return (
    <div className="row saved-views">
      <select
        aria-label="Saved view"
        value={picked}
        onChange={(e) => {
          setPicked(e.target.value);
          const v = views.find((x) => x.id === e.target.value);
          if (v) apply(viewOf(v.state));
        }}
      >
        <option value="">Saved views ({views.length})</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.mine ? '' : ` · ${v.owner.name}`}
          </option>
        ))}
      </select>
      {current?.mine && (
        <button
          type="button"
          disabled={remove.pending}
          onClick={() =>
            void run(async () => {
              await remove.mutate({ id: current.id });
              setPicked('');
            })
          }
        >
          Delete view
        </button>
      )}
      {canSave && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              const saved = await save.mutate({ input: { projectId, name, state: stateOf(view) } });
              setPicked(saved.saveView.id);
              setName('');
            });
          }}
        >
          <input
            aria-label="View name"
            placeholder="Save view as…"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={save.pending || name.trim() === ''}>
            Save view
          </button>
        </form>
      )}
      <QueryError error={error ?? list.error} />
    </div>
  );
}

'use client';
import {
  ArchiveProjectDocument,
  ProjectMembersDocument,
  UnarchiveProjectDocument,
  UpdateProjectDocument,
} from '@distillery/client';
import { useState } from 'react';

import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import { useAction } from './use-action.ts';

/** Rename the project, or archive it (read-only, hidden from lists) and back (ADMIN). */
export function ProjectPanel({ projectId }: { projectId: string }) {
  const q = useGqlQuery(ProjectMembersDocument, { id: projectId });
  const update = useGqlMutation(UpdateProjectDocument);
  const archive = useGqlMutation(ArchiveProjectDocument);
  const unarchive = useGqlMutation(UnarchiveProjectDocument);
  const action = useAction(['name']);
  const [name, setName] = useState<string | null>(null);
  const project = q.data?.project;
  if (!project) return null;
  return (
    <section className="panel">
      <h2>Project</h2>
      <form
        className="form form-inline"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await action.run(() => update.mutate({ input: { projectId, name: name ?? project.name } })))
            setName(null);
        }}
      >
        <FormErrors errors={action.general} />
        <Field label="Name" error={action.fields.name} hint={`Slug ${project.slug} stays.`}>
          <input
            name="renameProject"
            value={name ?? project.name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </Field>
        <button type="submit" disabled={action.pending || name === null}>
          Rename
        </button>
        {project.archivedAt ? (
          <button
            type="button"
            disabled={action.pending}
            onClick={() => void action.run(() => unarchive.mutate({ projectId }))}
          >
            Unarchive (make writable)
          </button>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={action.pending}
            onClick={() => {
              if (
                window.confirm(`Archive ${project.name}? It becomes read-only and leaves the project list.`)
              )
                void action.run(() => archive.mutate({ projectId }));
            }}
          >
            Archive
          </button>
        )}
        {project.archivedAt && <span className="tag state-expired">archived, read-only</span>}
      </form>
    </section>
  );
}

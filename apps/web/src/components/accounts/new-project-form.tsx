'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { CreateProjectDocument } from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import { useAction } from './use-action.ts';

/** The slug a name suggests: lowercase letters, digits and dashes, 2–64 characters. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Create a project (the caller becomes its ADMIN) and open it. */
export function NewProjectForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const create = useGqlMutation(CreateProjectDocument);
  const action = useAction(['name', 'slug', 'description']);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  return (
    <form
      className="panel form"
      data-testid="new-project"
      onSubmit={async (e) => {
        e.preventDefault();
        await action.run(async () => {
          const r = await create.mutate({ input: { name, slug: slug ?? slugOf(name), description } });
          onDone();
          router.push(`/p/${r.createProject.id}`);
        });
      }}
    >
      <FormErrors errors={action.general} />
      <Field label="Name" error={action.fields.name}>
        <input name="projectName" value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Slug" error={action.fields.slug} hint="In URLs and the CLI (-p); it never changes.">
        <input
          name="projectSlug"
          className="mono"
          value={slug ?? slugOf(name)}
          onChange={(e) => setSlug(e.target.value)}
        />
      </Field>
      <Field label="Description" error={action.fields.description}>
        <input
          name="projectDescription"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={action.pending}>
          Create project
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

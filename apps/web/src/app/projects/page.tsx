'use client';
import { useState } from 'react';

import { ProjectsDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import { NewProjectForm } from '../../components/accounts/new-project-form.tsx';
import { QueryError } from '../../components/shell/query-error.tsx';
import { PageLink } from '../../components/shell/page-link.tsx';

export default function ProjectsPage() {
  const { data, error, loading } = useGqlQuery(ProjectsDocument, {});
  const [creating, setCreating] = useState(false);
  return (
    <main className="page-narrow">
      <div className="spread">
        <h1>Projects</h1>
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && <NewProjectForm onDone={() => setCreating(false)} />}
      <QueryError error={error} />
      {loading && !data && <div className="empty">Loading…</div>}
      {data && data.projects.length === 0 && (
        <div className="empty">You are not a member of any project yet.</div>
      )}
      <div className="card-list" data-testid="project-list">
        {data?.projects.map((p) => (
          <PageLink key={p.id} href={`/p/${p.id}`} className="card">
            <div className="spread">
              <strong>{p.name}</strong>
              <span className="tag">{p.myRole.toLowerCase()}</span>
            </div>
            <div className="muted">{p.description || p.slug}</div>
            <div className="muted" style={{ marginTop: 8 }}>
              {p.runCount.toLocaleString()} runs
            </div>
          </PageLink>
        ))}
      </div>
    </main>
  );
}

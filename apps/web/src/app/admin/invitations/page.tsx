'use client';
import { AllProjectsDocument, InvitationsDocument } from '@distillery/client';
import { useState } from 'react';

import { InvitationTable } from '../../../components/accounts/invitation-table.tsx';
import { InviteForm } from '../../../components/accounts/invite-form.tsx';
import { QueryError } from '../../../components/shell/query-error.tsx';
import { useGqlQuery } from '../../../lib/graphql/hooks.ts';

export default function AdminInvitationsPage() {
  const [all, setAll] = useState(false);
  const projects = useGqlQuery(AllProjectsDocument, { includeArchived: false });
  const q = useGqlQuery(InvitationsDocument, { pendingOnly: !all });
  return (
    <>
      <section className="panel">
        <h2>Invite someone</h2>
        <p className="muted">
          The link creates their account (name and password) and adds them to the project with the role. Links
          are mailed when the API has <span className="mono">SMTP_URL</span>.
        </p>
        <InviteForm projects={projects.data?.projects ?? []} siteAdmin />
      </section>
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> also accepted,
          revoked and expired
        </label>
      </div>
      <QueryError error={q.error ?? projects.error} />
      {q.data && <InvitationTable invitations={q.data.invitations} />}
    </>
  );
}

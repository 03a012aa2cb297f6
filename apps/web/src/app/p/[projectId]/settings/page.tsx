'use client';
import { CreateScopedApiTokenDocument, InvitationsDocument, RunnerTokensDocument } from '@distillery/client';
import { useState } from 'react';

import { InvitationTable } from '../../../../components/accounts/invitation-table.tsx';
import { InviteForm } from '../../../../components/accounts/invite-form.tsx';
import { MembersPanel } from '../../../../components/accounts/members-panel.tsx';
import { ProjectPanel } from '../../../../components/accounts/project-panel.tsx';
import { SecretOnce } from '../../../../components/accounts/secret-once.tsx';
import { TokenTable } from '../../../../components/accounts/token-table.tsx';
import { useAction } from '../../../../components/accounts/use-action.ts';
import { Field, FormErrors } from '../../../../components/forms/field.tsx';
import { hasRole, useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { MeDocument } from '../../../../graphql/generated/graphql.ts';
import { useGqlMutation, useGqlQuery } from '../../../../lib/graphql/hooks.ts';

function Invitations({ projectId, siteAdmin }: { projectId: string; siteAdmin: boolean }) {
  const q = useGqlQuery(InvitationsDocument, { projectId, pendingOnly: true });
  return (
    <section className="panel">
      <h2>Invite by email</h2>
      <p className="muted">For people without an account: the link creates it and adds them here.</p>
      <InviteForm fixedProjectId={projectId} siteAdmin={siteAdmin} />
      <h3>Pending invitations</h3>
      <QueryError error={q.error} />
      {q.data && <InvitationTable invitations={q.data.invitations} showProject={false} />}
    </section>
  );
}

function RunnerTokens({ projectId, projectName }: { projectId: string; projectName: string }) {
  const q = useGqlQuery(RunnerTokensDocument, { id: projectId });
  const create = useGqlMutation(CreateScopedApiTokenDocument);
  const action = useAction(['name', 'expiresInDays']);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <section className="panel">
      <h2>Runner tokens</h2>
      <p className="muted">
        A runner claims this project&apos;s queued jobs with one of these (
        <span className="mono">RUNNER_TOKEN</span>). Label each with the machine it is for.
      </p>
      {secret && (
        <SecretOnce
          title="New runner token"
          value={secret}
          note="Copy it into the runner's configuration now: it is shown this once."
          onDone={() => setSecret(null)}
        />
      )}
      <form
        className="form form-inline"
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => {
            const r = await create.mutate({ input: { name, kind: 'RUNNER', projectId } });
            setSecret(r.createApiToken.secret);
            setName('');
          });
        }}
      >
        <FormErrors errors={action.general} />
        <Field label="Label" error={action.fields.name}>
          <input
            name="runnerName"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="gpu-box-1"
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={action.pending}>
          Create runner token
        </button>
      </form>
      <QueryError error={q.error} />
      {q.data?.project && (
        <TokenTable tokens={q.data.project.runnerTokens} showOwner projectName={() => projectName} />
      )}
    </section>
  );
}

export default function ProjectSettingsPage() {
  const { id, name, role } = useProject();
  const me = useGqlQuery(MeDocument, {});
  const admin = hasRole(role, 'ADMIN');
  return (
    <div className="settings">
      <h1>Project settings</h1>
      {admin && <ProjectPanel projectId={id} />}
      <MembersPanel projectId={id} role={role} />
      {admin && <Invitations projectId={id} siteAdmin={Boolean(me.data?.me?.isSiteAdmin)} />}
      {admin && <RunnerTokens projectId={id} projectName={name} />}
      {role && !admin && (
        <div className="empty">Inviting people and runner tokens are for the project&apos;s admins.</div>
      )}
    </div>
  );
}

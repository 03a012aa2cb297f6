'use client';
import { InvitationsDocument, RunnerTokensDocument } from '@distillery/client';

import { InvitationTable } from '../../../../components/accounts/invitation-table.tsx';
import { InviteForm } from '../../../../components/accounts/invite-form.tsx';
import { MembersPanel } from '../../../../components/accounts/members-panel.tsx';
import { ProjectPanel } from '../../../../components/accounts/project-panel.tsx';
import { CreateTokenForm } from '../../../../components/accounts/create-token-form.tsx';
import { TokenTable } from '../../../../components/accounts/token-table.tsx';
import { hasRole, useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { MeDocument } from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';

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
  return (
    <section className="panel">
      <h2>Runner tokens</h2>
      <p className="muted">
        A runner claims this project&apos;s queued jobs with one of these (
        <span className="mono">RUNNER_TOKEN</span>). Label each with the machine it is for.
      </p>
      <CreateTokenForm
        inputName="runnerName"
        label="Label"
        placeholder="gpu-box-1"
        button="Create runner token"
        secretTitle="New runner token"
        secretNote="Copy it into the runner's configuration now: it is shown this once."
        input={(name) => ({ name, kind: 'RUNNER', projectId })}
      />
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

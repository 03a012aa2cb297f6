'use client';
import { CreateInvitationDocument } from '@distillery/client';
import type { Role } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { ROLE_OPTIONS } from '../../lib/account-vocabulary.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import { SecretOnce } from './secret-once.tsx';
import { useAction } from './use-action.ts';

/** Invite someone by email, to a project with a role or (site admins) to the site; shows the link once. */
export function InviteForm({
  projects,
  fixedProjectId,
  siteAdmin,
}: {
  /** Projects to choose from (site admins); ignored with fixedProjectId. */
  projects?: readonly { id: string; name: string }[];
  fixedProjectId?: string;
  /** The inviter is a site admin: may invite to no project, and make site admins. */
  siteAdmin: boolean;
}) {
  const create = useGqlMutation(CreateInvitationDocument);
  const action = useAction(['email', 'role', 'projectId']);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [projectId, setProjectId] = useState(fixedProjectId ?? '');
  const [asSiteAdmin, setAsSiteAdmin] = useState(false);
  const [link, setLink] = useState<{ url: string; email: string; mailed: boolean } | null>(null);
  const target = fixedProjectId ?? projectId;
  return (
    <>
      {link && (
        <SecretOnce
          title={`Invitation link for ${link.email}`}
          value={link.url}
          note={
            link.mailed
              ? 'It was mailed too. It works once; this is the only time it is shown.'
              : 'No mail was sent (SMTP is not configured): pass it on yourself. It works once and is shown only now.'
          }
          onDone={() => setLink(null)}
        />
      )}
      <form
        className="form form-inline"
        data-testid="invite-form"
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => {
            const r = await create.mutate({
              input: {
                email,
                ...(target ? { projectId: target, role } : {}),
                isSiteAdmin: asSiteAdmin,
              },
            });
            setLink({
              url: r.createInvitation.url,
              email: r.createInvitation.invitation.email,
              mailed: r.createInvitation.emailSent,
            });
            setEmail('');
          });
        }}
      >
        <FormErrors errors={action.general} />
        <Field label="Email" error={action.fields.email}>
          <input
            name="inviteEmail"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </Field>
        {!fixedProjectId && (
          <Field label="Project" error={action.fields.projectId}>
            <select name="inviteProject" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
              <option value="">no project</option>
              {projects?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Role" error={action.fields.role}>
          <select
            name="inviteRole"
            value={role}
            disabled={!target}
            onChange={(e) => setRole(e.target.value as Role)}
            title={ROLE_OPTIONS.find((o) => o.value === role)?.hint}
          >
            {ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value} title={o.hint}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        {siteAdmin && (
          <label className="check">
            <input type="checkbox" checked={asSiteAdmin} onChange={(e) => setAsSiteAdmin(e.target.checked)} />{' '}
            site admin
          </label>
        )}
        <button type="submit" className="primary" disabled={action.pending}>
          Invite
        </button>
      </form>
    </>
  );
}

'use client';
import { AcceptInvitationDocument, apiErrorFrom, InvitationInfoDocument } from '@distillery/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { NewPasswordFields } from '../../components/accounts/new-password-fields.tsx';
import { useAction } from '../../components/accounts/use-action.ts';
import { useLinkToken } from '../../components/accounts/use-link-token.ts';
import { Field, FormErrors } from '../../components/forms/field.tsx';
import { QueryError } from '../../components/shell/query-error.tsx';
import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';
import { startSession } from '../../lib/session.ts';

/** Accept an invitation: see what it offers, choose a name and password, and be signed in. */
export default function AcceptInvitationPage() {
  const router = useRouter();
  const token = useLinkToken();
  const info = useGqlQuery(InvitationInfoDocument, { token: token ?? '' }, { skip: !token });
  const accept = useGqlMutation(AcceptInvitationDocument, { invalidates: false });
  const action = useAction(['name', 'password']);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const inv = info.data?.invitation;
  return (
    <main className="signin panel" data-testid="accept-invitation">
      <h1>Join Distillery</h1>
      {token === null && <div className="banner error">This page needs the link from your invitation.</div>}
      <QueryError error={info.error} />
      {inv && (
        <>
          <p>
            {inv.invitedBy ?? 'A site admin'} invited <strong>{inv.email}</strong>
            {inv.projectName ? (
              <>
                {' '}
                to <strong>{inv.projectName}</strong> as {inv.role?.toLowerCase()}
              </>
            ) : (
              ' to this site'
            )}
            {inv.isSiteAdmin && ', as a site admin'}. The link works until{' '}
            {new Date(inv.expiresAt).toLocaleString()}.
          </p>
          <form
            className="form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (repeat !== password) return;
              await action.run(async () => {
                await accept.mutate({ input: { token: token!, name, password } });
                const r = await startSession({ email: inv.email, password });
                if (r.errors?.length) throw apiErrorFrom(r.errors);
                router.replace('/projects');
              });
            }}
          >
            <FormErrors errors={action.general} />
            <Field label="Your name" error={action.fields.name} hint="As others see you in the project.">
              <input
                name="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                autoComplete="name"
                required
              />
            </Field>
            <NewPasswordFields
              value={password}
              repeat={repeat}
              onChange={setPassword}
              onRepeat={setRepeat}
              error={action.fields.password}
            />
            <button type="submit" className="primary" disabled={action.pending || repeat !== password}>
              Create account
            </button>
          </form>
        </>
      )}
    </main>
  );
}

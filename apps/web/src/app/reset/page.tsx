'use client';
import { apiErrorFrom, PasswordLinkDocument, ResetPasswordDocument } from '@distillery/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { NewPasswordFields } from '../../components/accounts/new-password-fields.tsx';
import { useAction } from '../../components/accounts/use-action.ts';
import { useLinkToken } from '../../components/accounts/use-link-token.ts';
import { FormErrors } from '../../components/forms/field.tsx';
import { QueryError } from '../../components/shell/query-error.tsx';
import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';
import { startSession } from '../../lib/session.ts';

/** Set a password with a reset link (from a site admin) or the first admin's setup link. */
export default function ResetPasswordPage() {
  const router = useRouter();
  const token = useLinkToken();
  const info = useGqlQuery(PasswordLinkDocument, { token: token ?? '' }, { skip: !token });
  const reset = useGqlMutation(ResetPasswordDocument, { invalidates: false });
  const action = useAction(['password']);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const link = info.data?.passwordLink;
  return (
    <main className="signin panel" data-testid="reset-password">
      <h1>{link?.kind === 'SETUP' ? 'Set up the first admin' : 'Choose a new password'}</h1>
      {token === null && <div className="banner error">This page needs the link you were given.</div>}
      <QueryError error={info.error} />
      {link && (
        <>
          <p>
            For <strong>{link.name}</strong> ({link.email}); the link works once, until{' '}
            {new Date(link.expiresAt).toLocaleString()}. Every session of the account ends.
          </p>
          <form
            className="form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (repeat !== password) return;
              await action.run(async () => {
                await reset.mutate({ input: { token: token!, password } });
                const r = await startSession({ email: link.email, password });
                if (r.errors?.length) throw apiErrorFrom(r.errors);
                router.replace('/projects');
              });
            }}
          >
            <FormErrors errors={action.general} />
            <NewPasswordFields
              value={password}
              repeat={repeat}
              onChange={setPassword}
              onRepeat={setRepeat}
              error={action.fields.password}
            />
            <button type="submit" className="primary" disabled={action.pending || repeat !== password}>
              Set password
            </button>
          </form>
        </>
      )}
    </main>
  );
}

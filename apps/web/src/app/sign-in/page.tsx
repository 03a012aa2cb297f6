'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';

import { Field, FormErrors } from '../../components/forms/field.tsx';
import { MeDocument, SignInDocument } from '../../graphql/generated/graphql.ts';
import { useConfig } from '../../lib/config.tsx';
import { ApiError } from '../../lib/graphql/errors.ts';
import { useMutation } from '../../lib/graphql/hooks.ts';
import { request } from '../../lib/graphql/transport.ts';
import { writeToken } from '../../lib/session.ts';

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const { apiUrl } = useConfig();
  const signIn = useMutation(SignInDocument);
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const next = params.get('next') ?? '/projects';

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      if (mode === 'password') {
        const res = await signIn.mutate({ email, password });
        writeToken(res.signIn.token);
      } else {
        const me = await request(apiUrl, token.trim(), MeDocument, {});
        if (!me.me)
          throw new ApiError([
            { message: 'this token does not belong to a user', code: 'UNAUTHENTICATED', field: 'token' },
          ]);
        writeToken(token.trim());
      }
      router.replace(next.startsWith('/') ? next : '/projects');
    } catch (err) {
      setError(
        err instanceof ApiError
          ? err
          : new ApiError([{ message: String(err), code: 'INTERNAL', field: undefined }]),
      );
    }
  }

  const fieldErrors = error?.fieldErrors() ?? {};
  const general = error ? (Object.keys(fieldErrors).length ? error.formErrors() : [error.message]) : [];
  return (
    <main className="signin panel">
      <h1>Sign in to Distillery</h1>
      <div className="tabs">
        <button
          type="button"
          className={mode === 'password' ? 'active' : ''}
          onClick={() => setMode('password')}
        >
          Email and password
        </button>
        <button type="button" className={mode === 'token' ? 'active' : ''} onClick={() => setMode('token')}>
          API token
        </button>
      </div>
      <form className="form" onSubmit={submit}>
        <FormErrors errors={general} />
        {mode === 'password' ? (
          <>
            <Field label="Email" error={fieldErrors.email}>
              <input
                name="email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
            </Field>
            <Field label="Password" error={fieldErrors.password}>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </Field>
          </>
        ) : (
          <Field label="API token" error={fieldErrors.token} hint="A USER token from createApiToken.">
            <input
              name="token"
              className="mono"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              required
            />
          </Field>
        )}
        <button type="submit" className="primary" disabled={signIn.pending}>
          Sign in
        </button>
      </form>
    </main>
  );
}

export default function SignInPage() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}

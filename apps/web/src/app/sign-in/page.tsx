'use client';
import { apiErrorFrom, SignInOptionsDocument, type AppError, toAppError } from '@distillery/client';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';

import { apiFieldErrors, unplacedErrors } from '../../components/forms/api-errors.ts';
import { Field, FormErrors } from '../../components/forms/field.tsx';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import { startSession } from '../../lib/session.ts';

function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, setPending] = useState(false);
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const next = params.get('next') ?? '/projects';
  const options = useGqlQuery(SignInOptionsDocument, {});
  const oidc = options.data?.signInOptions.oidc;
  const ssoError = params.get('sso_error');

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setPending(true);
    try {
      // The dashboard's server checks the credentials and keeps the token in an HttpOnly cookie;
      // this page never sees it.
      const res = await startSession(mode === 'password' ? { email, password } : { token: token.trim() });
      if (res.errors?.length) throw apiErrorFrom(res.errors);
      router.replace(next.startsWith('/') ? next : '/projects');
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setPending(false);
    }
  }

  const fieldErrors = error ? apiFieldErrors(error) : {};
  const general = error ? unplacedErrors(error, ['email', 'password', 'token']) : [];
  return (
    <main className="signin panel">
      <h1>Sign in to Distillery</h1>
      {ssoError && (
        <div className="banner error" role="alert" data-testid="sso-error">
          <strong>Single sign-on failed.</strong> {ssoError}
        </div>
      )}
      {oidc && (
        <>
          {/* A plain link: the browser itself goes to the provider and back (/sso/start, /sso/callback). */}
          <a className="button primary sso" href="/sso/start" data-testid="sso-sign-in">
            {oidc.label}
          </a>
          <div className="divider muted">or</div>
        </>
      )}
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
        <button type="submit" className="primary" disabled={pending}>
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

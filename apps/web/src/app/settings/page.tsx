'use client';
import {
  AllProjectsDocument,
  ChangePasswordDocument,
  CreateScopedApiTokenDocument,
  MyApiTokensDocument,
  UpdateProfileDocument,
} from '@distillery/client';
import type { TokenAccess } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { SecretOnce } from '../../components/accounts/secret-once.tsx';
import { TokenTable } from '../../components/accounts/token-table.tsx';
import { useAction } from '../../components/accounts/use-action.ts';
import { Field, FormErrors } from '../../components/forms/field.tsx';
import { QueryError } from '../../components/shell/query-error.tsx';
import { MeDocument } from '../../graphql/generated/graphql.ts';
import { ACCESS_OPTIONS } from '../../lib/account-vocabulary.ts';
import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';

function Profile() {
  const me = useGqlQuery(MeDocument, {});
  const update = useGqlMutation(UpdateProfileDocument);
  const action = useAction(['name']);
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const user = me.data?.me;
  return (
    <section className="panel">
      <h2>Profile</h2>
      <QueryError error={me.error} />
      {user && (
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(await action.run(() => update.mutate({ input: { name: name ?? user.name } })));
          }}
        >
          <FormErrors errors={action.general} />
          <Field label="Email" hint="What you sign in with; it cannot be changed.">
            <input value={user.email} readOnly disabled />
          </Field>
          <Field
            label="Name"
            error={action.fields.name}
            hint="How others see you in members and the audit log."
          >
            <input name="name" value={name ?? user.name} onChange={(e) => setName(e.target.value)} required />
          </Field>
          <div className="row">
            <button type="submit" className="primary" disabled={action.pending}>
              Save
            </button>
            {saved && <span className="muted">Saved.</span>}
          </div>
        </form>
      )}
    </section>
  );
}

function Password() {
  const change = useGqlMutation(ChangePasswordDocument, { invalidates: false });
  const action = useAction(['currentPassword', 'newPassword']);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const mismatch = repeat !== '' && repeat !== next;
  return (
    <section className="panel">
      <h2>Password</h2>
      <form
        className="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (mismatch) return;
          const ok = await action.run(() =>
            change.mutate({ input: { currentPassword: current || undefined, newPassword: next } }),
          );
          if (ok) {
            setCurrent('');
            setNext('');
            setRepeat('');
          }
          setDone(ok);
        }}
      >
        <FormErrors errors={action.general} />
        <Field label="Current password" error={action.fields.currentPassword}>
          <input
            type="password"
            name="currentPassword"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <Field
          label="New password"
          error={action.fields.newPassword}
          hint="At least 12 characters; common and breached passwords are refused."
        >
          <input
            type="password"
            name="newPassword"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </Field>
        <Field label="New password again" error={mismatch ? 'the two new passwords differ' : undefined}>
          <input
            type="password"
            name="repeatPassword"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            required
          />
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={action.pending || mismatch}>
            Change password
          </button>
          {done && <span className="muted">Changed; your other sessions were signed out.</span>}
        </div>
      </form>
    </section>
  );
}

function ApiTokens() {
  const tokens = useGqlQuery(MyApiTokensDocument, {});
  const projects = useGqlQuery(AllProjectsDocument, { includeArchived: true });
  const create = useGqlMutation(CreateScopedApiTokenDocument);
  const action = useAction(['name', 'projectId', 'access', 'expiresInDays']);
  const [name, setName] = useState('');
  const [projectId, setProjectId] = useState('');
  const [access, setAccess] = useState<TokenAccess>('READ_WRITE');
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | null>(null);
  const byId = new Map(projects.data?.projects.map((p) => [p.id, p.name]));
  const mine = tokens.data?.me?.apiTokens.filter((t) => t.kind === 'USER') ?? [];
  return (
    <section className="panel">
      <h2>API tokens</h2>
      <p className="muted">
        For the CLI, scripts and notebooks: <span className="mono">Authorization: Bearer …</span>. A token
        acts as you, limited to one project and/or to reading when you choose.
      </p>
      {secret && (
        <SecretOnce
          title="New token"
          value={secret}
          note="Copy it now: it is shown this once and stored only as a hash."
          onDone={() => setSecret(null)}
        />
      )}
      <form
        className="form form-inline"
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => {
            const r = await create.mutate({
              input: {
                name,
                kind: 'USER',
                access,
                ...(projectId ? { projectId } : {}),
                ...(days ? { expiresInDays: Number(days) } : {}),
              },
            });
            setSecret(r.createApiToken.secret);
            setName('');
          });
        }}
      >
        <FormErrors errors={action.general} />
        <Field label="Name" error={action.fields.name}>
          <input
            name="tokenName"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="laptop, ci…"
            required
          />
        </Field>
        <Field label="Project" error={action.fields.projectId}>
          <select name="tokenProject" value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">all my projects</option>
            {projects.data?.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Access" error={action.fields.access}>
          <select
            name="tokenAccess"
            value={access}
            onChange={(e) => setAccess(e.target.value as TokenAccess)}
          >
            {ACCESS_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Expires in days" error={action.fields.expiresInDays} hint="1–365; empty: never">
          <input
            name="tokenDays"
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </Field>
        <button type="submit" className="primary" disabled={action.pending}>
          Create token
        </button>
      </form>
      <QueryError error={tokens.error} />
      <TokenTable
        tokens={mine}
        projectName={(id) => (id ? (byId.get(id) ?? id.slice(0, 8)) : 'all projects')}
      />
    </section>
  );
}

export default function SettingsPage() {
  return (
    <main className="page-narrow settings">
      <h1>Settings</h1>
      <Profile />
      <Password />
      <ApiTokens />
    </main>
  );
}

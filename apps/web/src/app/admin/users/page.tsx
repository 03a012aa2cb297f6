'use client';
import {
  CreatePasswordResetDocument,
  DisableUserDocument,
  EnableUserDocument,
  SetSiteAdminDocument,
  UsersDocument,
  type UserAccountFieldsFragment,
} from '@distillery/client';
import { useState } from 'react';

import { SecretOnce, When } from '../../../components/accounts/secret-once.tsx';
import { useAction } from '../../../components/accounts/use-action.ts';
import { FormErrors } from '../../../components/forms/field.tsx';
import { QueryError } from '../../../components/shell/query-error.tsx';
import { MeDocument } from '../../../graphql/generated/graphql.ts';
import { useGqlMutation, useGqlQuery } from '../../../lib/graphql/hooks.ts';

type Filter = 'all' | 'active' | 'disabled';

function UserRow({
  user,
  self,
  onLink,
}: {
  user: UserAccountFieldsFragment;
  self: boolean;
  onLink: (l: { email: string; url: string; mailed: boolean }) => void;
}) {
  const disable = useGqlMutation(DisableUserDocument);
  const enable = useGqlMutation(EnableUserDocument);
  const reset = useGqlMutation(CreatePasswordResetDocument);
  const admin = useGqlMutation(SetSiteAdminDocument);
  const action = useAction();
  return (
    <tr data-email={user.email} className={user.disabledAt ? 'muted' : ''}>
      <td>
        {user.name}
        {self && <span className="tag">you</span>}
      </td>
      <td>{user.email}</td>
      <td>
        {user.disabledAt ? (
          <span className="tag state-revoked">disabled</span>
        ) : (
          <span className="tag state-accepted">active</span>
        )}
        {user.isSiteAdmin && <span className="tag">site admin</span>}
      </td>
      <td>{user.hasPassword ? 'password' : <span className="muted">single sign-on / none</span>}</td>
      <td>
        <When at={user.lastSignInAt} empty="never" />
      </td>
      <td className="actions">
        <FormErrors errors={action.general} />
        {user.disabledAt ? (
          <button
            type="button"
            disabled={action.pending}
            onClick={() => void action.run(() => enable.mutate({ id: user.id }))}
          >
            Enable
          </button>
        ) : (
          !self && (
            <button
              type="button"
              className="danger"
              disabled={action.pending}
              onClick={() => {
                if (
                  window.confirm(
                    `Disable ${user.email}? Their sessions, tokens and open dashboards end at once.`,
                  )
                )
                  void action.run(() => disable.mutate({ id: user.id }));
              }}
            >
              Disable
            </button>
          )
        )}
        <button
          type="button"
          disabled={action.pending || Boolean(user.disabledAt)}
          onClick={() =>
            void action.run(async () => {
              const r = await reset.mutate({ userId: user.id });
              onLink({
                email: user.email,
                url: r.createPasswordReset.url,
                mailed: r.createPasswordReset.emailSent,
              });
            })
          }
        >
          Reset link
        </button>
        <button
          type="button"
          className="ghost"
          disabled={action.pending}
          onClick={() => void action.run(() => admin.mutate({ id: user.id, isSiteAdmin: !user.isSiteAdmin }))}
        >
          {user.isSiteAdmin ? 'Revoke admin' : 'Make admin'}
        </button>
      </td>
    </tr>
  );
}

export default function AdminUsersPage() {
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [link, setLink] = useState<{ email: string; url: string; mailed: boolean } | null>(null);
  const me = useGqlQuery(MeDocument, {});
  const q = useGqlQuery(UsersDocument, {
    filter: {
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(filter === 'all' ? {} : { disabled: filter === 'disabled' }),
    },
    first: 100,
  });
  const users = q.data?.users.edges.map((e) => e.node) ?? [];
  return (
    <>
      {link && (
        <SecretOnce
          title={`Password reset link for ${link.email}`}
          value={link.url}
          note={
            link.mailed ? 'It was mailed too; it works once.' : 'No mail was sent: pass it on. It works once.'
          }
          onDone={() => setLink(null)}
        />
      )}
      <div className="toolbar">
        <input
          placeholder="Search email or name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search"
        />
        <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} aria-label="State">
          <option value="all">all accounts</option>
          <option value="active">active</option>
          <option value="disabled">disabled</option>
        </select>
        <span className="muted">{users.length} shown</span>
      </div>
      <QueryError error={q.error} />
      <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
        <table className="data" data-testid="user-table">
          <thead>
            <tr>
              <th>name</th>
              <th>email</th>
              <th>state</th>
              <th>sign-in</th>
              <th>last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me.data?.me?.id} onLink={setLink} />
            ))}
          </tbody>
        </table>
      </div>
      {q.data?.users.pageInfo.hasNextPage && <p className="muted">More accounts match: narrow the search.</p>}
    </>
  );
}

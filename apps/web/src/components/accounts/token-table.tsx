'use client';
import { RevokeApiTokenDocument, type ApiTokenFieldsFragment } from '@distillery/client';

import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { FormErrors } from '../forms/field.tsx';
import { useAction } from './use-action.ts';
import { When } from './secret-once.tsx';

/** The state of a token as a word: live, expired or revoked. */
function tokenState(t: ApiTokenFieldsFragment): string {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return 'expired';
  return 'live';
}

/** API or runner tokens (never their secrets) with a revoke button on live ones. */
export function TokenTable({
  tokens,
  projectName,
  showOwner = false,
}: {
  tokens: readonly ApiTokenFieldsFragment[];
  /** How to name a token's project (null: any project). */
  projectName: (projectId: string | null | undefined) => string;
  showOwner?: boolean;
}) {
  const revoke = useGqlMutation(RevokeApiTokenDocument);
  const action = useAction();
  if (tokens.length === 0) return <div className="empty">No tokens yet.</div>;
  return (
    <>
      <FormErrors errors={action.general} />
      <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
        <table className="data" data-testid="token-table">
          <thead>
            <tr>
              <th>name</th>
              <th>prefix</th>
              {showOwner && <th>owner</th>}
              <th>scope</th>
              <th>created</th>
              <th>last used</th>
              <th>expires</th>
              <th>state</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const state = tokenState(t);
              return (
                <tr key={t.id} className={state === 'live' ? '' : 'muted'}>
                  <td>{t.name}</td>
                  <td className="mono">{t.prefix}…</td>
                  {showOwner && <td>{t.owner.email}</td>}
                  <td>
                    {t.kind === 'RUNNER' ? 'runner' : t.access === 'READ_ONLY' ? 'read-only' : 'read-write'}
                    {' · '}
                    {projectName(t.projectId)}
                  </td>
                  <td>
                    <When at={t.createdAt} />
                  </td>
                  <td>
                    <When at={t.lastUsedAt} empty="never" />
                  </td>
                  <td>
                    <When at={t.expiresAt} empty="never" />
                  </td>
                  <td>{state}</td>
                  <td>
                    {state === 'live' && (
                      <button
                        type="button"
                        className="danger"
                        disabled={action.pending}
                        onClick={() => {
                          if (window.confirm(`Revoke "${t.name}"? Whatever uses it stops working at once.`))
                            void action.run(() => revoke.mutate({ id: t.id }));
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

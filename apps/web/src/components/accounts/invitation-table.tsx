'use client';
import { RevokeInvitationDocument, type InvitationFieldsFragment } from '@distillery/client';

import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { FormErrors } from '../forms/field.tsx';
import { When } from './secret-once.tsx';
import { useAction } from './use-action.ts';

/** An invitation's state as a word. */
export function invitationState(i: InvitationFieldsFragment): 'accepted' | 'revoked' | 'expired' | 'pending' {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (Date.parse(i.expiresAt) <= Date.now()) return 'expired';
  return 'pending';
}

/** Invitations with who sent them, what they offer and a revoke button on pending ones. */
export function InvitationTable({
  invitations,
  showProject = true,
}: {
  invitations: readonly InvitationFieldsFragment[];
  showProject?: boolean;
}) {
  const revoke = useGqlMutation(RevokeInvitationDocument);
  const action = useAction();
  if (invitations.length === 0) return <div className="empty">No invitations.</div>;
  return (
    <>
      <FormErrors errors={action.general} />
      <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
        <table className="data" data-testid="invitation-table">
          <thead>
            <tr>
              <th>email</th>
              {showProject && <th>project</th>}
              <th>role</th>
              <th>invited by</th>
              <th>sent</th>
              <th>expires</th>
              <th>state</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => {
              const state = invitationState(i);
              return (
                <tr key={i.id}>
                  <td>{i.email}</td>
                  {showProject && <td>{i.project?.name ?? <span className="muted">—</span>}</td>}
                  <td>
                    {i.role?.toLowerCase() ?? '—'}
                    {i.isSiteAdmin && <span className="tag">site admin</span>}
                  </td>
                  <td>{i.invitedBy ? `${i.invitedBy.name} <${i.invitedBy.email}>` : '—'}</td>
                  <td>
                    <When at={i.createdAt} />
                  </td>
                  <td>
                    <When at={i.expiresAt} />
                  </td>
                  <td>
                    <span className={`tag state-${state}`}>{state}</span>
                  </td>
                  <td>
                    {state === 'pending' && (
                      <button
                        type="button"
                        className="danger"
                        disabled={action.pending}
                        onClick={() => void action.run(() => revoke.mutate({ id: i.id }))}
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

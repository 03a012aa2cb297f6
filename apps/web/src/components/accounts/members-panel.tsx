'use client';
import {
  AddMemberDocument,
  LeaveProjectDocument,
  ProjectMembersDocument,
  RemoveMemberDocument,
  SetMemberRoleDocument,
} from '@distillery/client';
import type { Role } from '@distillery/graphql-schema/types';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { MeDocument } from '../../graphql/generated/graphql.ts';
import { ROLE_OPTIONS } from '../../lib/account-vocabulary.ts';
import { useGqlMutation, useGqlQuery } from '../../lib/graphql/hooks.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import { hasRole } from '../shell/project-context.tsx';
import { QueryError } from '../shell/query-error.tsx';
import { When } from './secret-once.tsx';
import { useAction } from './use-action.ts';

function RoleSelect({
  value,
  onChange,
  disabled,
}: {
  value: Role;
  onChange: (r: Role) => void;
  disabled?: boolean;
}) {
  return (
    <select
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
      aria-label="Role"
    >
      {ROLE_OPTIONS.map((o) => (
        <option key={o.value} value={o.value} title={o.hint}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The project's members: everyone sees them and may leave; ADMINs add, re-role and remove. */
export function MembersPanel({ projectId, role }: { projectId: string; role: Role | null }) {
  const router = useRouter();
  const q = useGqlQuery(ProjectMembersDocument, { id: projectId });
  const me = useGqlQuery(MeDocument, {});
  const setRole = useGqlMutation(SetMemberRoleDocument);
  const remove = useGqlMutation(RemoveMemberDocument);
  const leave = useGqlMutation(LeaveProjectDocument);
  const add = useGqlMutation(AddMemberDocument);
  const rowAction = useAction();
  const addAction = useAction(['email', 'role']);
  const [email, setEmail] = useState('');
  const [newRole, setNewRole] = useState<Role>('MEMBER');
  const admin = hasRole(role, 'ADMIN');
  const myId = me.data?.me?.id;
  const project = q.data?.project;
  return (
    <section className="panel">
      <h2>Members</h2>
      <QueryError error={q.error} />
      <FormErrors errors={rowAction.general} />
      {project && (
        <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
          <table className="data" data-testid="member-table">
            <thead>
              <tr>
                <th>name</th>
                <th>email</th>
                <th>role</th>
                <th>member since</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {project.members.map((m) => {
                const self = m.user.id === myId;
                return (
                  <tr key={m.id} data-email={m.user.email}>
                    <td>
                      {m.user.name}
                      {self && <span className="tag">you</span>}
                      {m.user.disabledAt && <span className="tag state-revoked">disabled</span>}
                    </td>
                    <td>{m.user.email}</td>
                    <td>
                      {admin ? (
                        <RoleSelect
                          value={m.role}
                          disabled={rowAction.pending}
                          onChange={(r) =>
                            void rowAction.run(() =>
                              setRole.mutate({ input: { projectId, userId: m.user.id, role: r } }),
                            )
                          }
                        />
                      ) : (
                        m.role.toLowerCase()
                      )}
                    </td>
                    <td>
                      <When at={m.createdAt} />
                    </td>
                    <td className="actions">
                      {self ? (
                        <button
                          type="button"
                          className="danger"
                          disabled={rowAction.pending}
                          onClick={() => {
                            if (!window.confirm(`Leave ${project.name}? Only an ADMIN can add you again.`))
                              return;
                            void rowAction
                              .run(() => leave.mutate({ projectId }))
                              .then((ok) => ok && router.push('/projects'));
                          }}
                        >
                          Leave
                        </button>
                      ) : (
                        admin && (
                          <button
                            type="button"
                            className="danger"
                            disabled={rowAction.pending}
                            onClick={() => {
                              if (window.confirm(`Remove ${m.user.email} from ${project.name}?`))
                                void rowAction.run(() =>
                                  remove.mutate({ input: { projectId, userId: m.user.id } }),
                                );
                            }}
                          >
                            Remove
                          </button>
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <>
          <h3>Add someone with an account</h3>
          <form
            className="form form-inline"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await addAction.run(() => add.mutate({ input: { projectId, email, role: newRole } })))
                setEmail('');
            }}
          >
            <FormErrors errors={addAction.general} />
            <Field label="Email" error={addAction.fields.email}>
              <input
                name="memberEmail"
                type="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
              />
            </Field>
            <Field label="Role" error={addAction.fields.role}>
              <RoleSelect value={newRole} onChange={setNewRole} />
            </Field>
            <button type="submit" className="primary" disabled={addAction.pending}>
              Add member
            </button>
          </form>
        </>
      )}
    </section>
  );
}

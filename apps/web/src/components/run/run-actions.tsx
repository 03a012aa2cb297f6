'use client';
import { toAppError, type AppError } from '@distillery/client';
import type { RunStatus } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { CancelRunDocument, DeleteRunDocument, RetryRunDocument } from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { ErrorText } from '../forms/field.tsx';
import { hasRole, useProject } from '../shell/project-context.tsx';

/** Cancel / retry (members) and delete (supervisors); hidden from roles that may not use them. */
export function RunActions({
  runId,
  status,
  onDone,
}: {
  runId: string;
  status: RunStatus;
  onDone: () => void;
}) {
  const { role } = useProject();
  const cancel = useGqlMutation(CancelRunDocument);
  const retry = useGqlMutation(RetryRunDocument);
  const del = useGqlMutation(DeleteRunDocument);
  const [error, setError] = useState<AppError | null>(null);
  if (!hasRole(role, 'MEMBER')) return null;
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      onDone();
    } catch (e) {
      setError(toAppError(e));
    }
  };
  const active = status === 'QUEUED' || status === 'RUNNING';
  return (
    <div className="row" data-testid="run-actions">
      {active && (
        <button
          type="button"
          className="danger"
          disabled={cancel.pending}
          onClick={() => act(() => cancel.mutate({ runId }))}
        >
          Cancel
        </button>
      )}
      {(status === 'FAILED' || status === 'CANCELLED') && (
        <button type="button" disabled={retry.pending} onClick={() => act(() => retry.mutate({ runId }))}>
          Retry
        </button>
      )}
      {hasRole(role, 'SUPERVISOR') && !active && (
        <button
          type="button"
          className="danger"
          disabled={del.pending}
          onClick={() => {
            if (window.confirm('Delete this run? It is hidden from lists; the audit log keeps the record.'))
              void act(() => del.mutate({ runId }));
          }}
        >
          Delete
        </button>
      )}
      {error && (
        <span className="error" role="alert">
          <ErrorText error={error} />
        </span>
      )}
    </div>
  );
}

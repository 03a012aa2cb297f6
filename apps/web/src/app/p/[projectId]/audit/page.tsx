'use client';
import type { AuditFilter, AuditOutcome } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { hasRole, useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { AuditLogDocument, VerifyAuditChainDocument } from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';

export default function AuditPage() {
  const { id: projectId, role } = useProject();
  const [operation, setOperation] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [since, setSince] = useState('');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const filter = {
    projectId,
    operation: operation.trim() || undefined,
    outcome: outcome || undefined,
    since: since ? new Date(since).toISOString() : undefined,
  };
  const allowed = hasRole(role, 'SUPERVISOR');
  const verify = useGqlQuery(VerifyAuditChainDocument, { projectId }, { skip: !allowed });
  if (role && !allowed) return <div className="empty">The audit log is for supervisors and admins.</div>;
  const v = verify.data?.verifyAuditChain;
  return (
    <>
      <div className="spread">
        <h1>Audit log</h1>
        <button type="button" onClick={() => void verify.refetch()} disabled={verify.loading}>
          Verify chain
        </button>
      </div>
      <QueryError error={verify.error} />
      {v && (
        <div className={`banner${v.ok ? '' : ' error'}`} data-testid="chain-result">
          {v.ok ? '✓ Chain intact' : '✗ Chain broken'}: {v.checked} events checked
          {v.headSeq !== null && (
            <>
              , head #{v.headSeq} <span className="mono">{v.headHash?.slice(0, 16)}…</span>
            </>
          )}
          {!v.ok && (
            <>
              {' '}
              — first bad event #{v.firstBadSeq}: {v.reason}
            </>
          )}
        </div>
      )}
      <div className="toolbar">
        <input
          placeholder="Operation, e.g. launchExperiment"
          value={operation}
          onChange={(e) => {
            setOperation(e.target.value);
            setPages([null]);
          }}
          aria-label="Operation"
        />
        <select
          value={outcome}
          onChange={(e) => {
            setOutcome(e.target.value as AuditOutcome | '');
            setPages([null]);
          }}
          aria-label="Outcome"
        >
          <option value="">any outcome</option>
          <option value="SUCCESS">success</option>
          <option value="FAILURE">failure</option>
        </select>
        <label>
          since{' '}
          <input
            type="datetime-local"
            value={since}
            onChange={(e) => {
              setSince(e.target.value);
              setPages([null]);
            }}
          />
        </label>
      </div>
      <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
        <table className="data">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>time</th>
              <th>actor</th>
              <th>operation</th>
              <th>target</th>
              <th>outcome</th>
              <th>arguments</th>
              <th>hash</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((after, i) => (
              <AuditRows
                key={`${after}-${i}`}
                filter={filter}
                after={after}
                last={i === pages.length - 1}
                onMore={(c) => setPages((p) => [...p, c])}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AuditRows({
  filter,
  after,
  last,
  onMore,
}: {
  filter: AuditFilter;
  after: string | null;
  last: boolean;
  onMore: (cursor: string) => void;
}) {
  const q = useGqlQuery(AuditLogDocument, { filter, first: 100, after: after ?? undefined });
  const c = q.data?.auditLog;
  return (
    <>
      {q.error && (
        <tr>
          <td colSpan={8}>
            <QueryError error={q.error} />
          </td>
        </tr>
      )}
      {c?.edges.map(({ node: e }) => (
        <tr key={e.id}>
          <td className="num">{e.seq}</td>
          <td title={e.at}>{new Date(e.at).toLocaleString()}</td>
          <td className="mono">
            {e.actorKind.toLowerCase()} {e.actorId?.slice(0, 8)}
          </td>
          <td>{e.operation}</td>
          <td>
            {e.targetType} <span className="mono muted">{e.targetId?.slice(0, 8)}</span>
          </td>
          <td className={e.outcome === 'FAILURE' ? 'error' : ''}>
            {e.outcome.toLowerCase()}
            {e.errorCode ? ` (${e.errorCode})` : ''}
          </td>
          <td
            className="mono muted"
            style={{ maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis' }}
            title={JSON.stringify(e.args)}
          >
            {JSON.stringify(e.args)}
          </td>
          <td className="mono muted">{e.hash.slice(0, 10)}</td>
        </tr>
      ))}
      {last && c?.pageInfo.hasNextPage && c.pageInfo.endCursor && (
        <tr>
          <td colSpan={8}>
            <button type="button" onClick={() => onMore(c.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

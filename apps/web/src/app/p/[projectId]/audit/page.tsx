'use client';
import { ProjectMembersDocument } from '@distillery/client';
import type { AuditFilter, AuditOutcome } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { actorLabel, auditCsv } from '../../../../components/audit/audit-csv.ts';
import { CsvButton } from '../../../../components/csv/csv-button.tsx';
import { hasRole, useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { AuditLogDocument, VerifyAuditChainDocument } from '../../../../graphql/generated/graphql.ts';
import { OUTCOME_OPTIONS } from '../../../../lib/account-vocabulary.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';

const COLUMNS = 8;

/** A datetime-local value as an ISO instant (empty: no bound). */
const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);

export default function AuditPage() {
  const { id: projectId, role } = useProject();
  const [operation, setOperation] = useState('');
  const [actorId, setActorId] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const filter: AuditFilter = {
    projectId,
    operation: operation.trim() || undefined,
    actorId: actorId || undefined,
    outcome: outcome || undefined,
    since: instant(since),
    until: instant(until),
  };
  const allowed = hasRole(role, 'SUPERVISOR');
  const members = useGqlQuery(ProjectMembersDocument, { id: projectId }, { skip: !allowed });
  const verify = useGqlQuery(VerifyAuditChainDocument, { projectId }, { skip: !allowed });
  if (role && !allowed) return <div className="empty">The audit log is for supervisors and admins.</div>;
  const v = verify.data?.verifyAuditChain;
  // Any filter change starts again from the newest page.
  const set =
    <T,>(setter: (x: T) => void) =>
    (x: T) => {
      setter(x);
      setPages([null]);
    };
  return (
    <>
      <div className="spread">
        <h1>Audit log</h1>
        <div className="row">
          <CsvButton
            label="Export CSV"
            file={async () => {
              const { csv, rows, truncated } = await auditCsv(filter);
              return {
                name: `audit-${projectId.slice(0, 8)}-${new Date().toISOString().slice(0, 19)}.csv`,
                text: csv,
                note: `${rows} events exported${truncated ? ' (the first 20,000: narrow the time range)' : ''}`,
              };
            }}
          />
          <button type="button" onClick={() => void verify.refetch()} disabled={verify.loading}>
            Verify chain
          </button>
        </div>
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
        <select value={actorId} onChange={(e) => set(setActorId)(e.target.value)} aria-label="Actor">
          <option value="">anyone</option>
          {members.data?.project?.members.map((m) => (
            <option key={m.user.id} value={m.user.id}>
              {m.user.name} &lt;{m.user.email}&gt;
            </option>
          ))}
        </select>
        <input
          placeholder="Operation, e.g. launchExperiment"
          value={operation}
          onChange={(e) => set(setOperation)(e.target.value)}
          aria-label="Operation"
        />
        <select
          value={outcome}
          onChange={(e) => set(setOutcome)(e.target.value as AuditOutcome | '')}
          aria-label="Outcome"
        >
          <option value="">any outcome</option>
          {OUTCOME_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label>
          since <input type="datetime-local" value={since} onChange={(e) => set(setSince)(e.target.value)} />
        </label>
        <label>
          until <input type="datetime-local" value={until} onChange={(e) => set(setUntil)(e.target.value)} />
        </label>
      </div>
      <div className="panel" style={{ padding: 0, overflow: 'auto' }}>
        <table className="data" data-testid="audit-table">
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
          <td colSpan={COLUMNS}>
            <QueryError error={q.error} />
          </td>
        </tr>
      )}
      {after === null && c?.edges.length === 0 && (
        <tr>
          <td colSpan={COLUMNS} className="muted">
            No events match.
          </td>
        </tr>
      )}
      {c?.edges.map(({ node: e }) => {
        const who = actorLabel(e);
        return (
          <tr key={e.id} className={e.outcome === 'FAILURE' ? 'failure' : ''}>
            <td className="num">{e.seq}</td>
            <td title={e.at}>{new Date(e.at).toLocaleString()}</td>
            <td className="audit-actor" title={e.actorId ?? undefined}>
              {who.name}
              <span className="muted">
                {who.detail}
                {e.actor && e.actorKind !== 'USER' ? ` · ${e.actorKind.toLowerCase()}` : ''}
              </span>
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
        );
      })}
      {last && c?.pageInfo.hasNextPage && c.pageInfo.endCursor && (
        <tr>
          <td colSpan={COLUMNS}>
            <button type="button" onClick={() => onMore(c.pageInfo.endCursor!)}>
              Load more
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

'use client';
import type { AuditFilter } from '@distillery/graphql-schema/types';

import { AuditLogDocument, type AuditLogQuery } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { toCsv } from '../csv/csv-file.ts';

/** One audit event as the page lists it. */
export type AuditRow = AuditLogQuery['auditLog']['edges'][number]['node'];

const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor_name',
  'actor_email',
  'actor_kind',
  'actor_id',
  'operation',
  'target_type',
  'target_id',
  'outcome',
  'error_code',
  'args',
  'hash',
];

/** Most events one export reads (200 a page); a wider log is exported in time windows. */
export const CSV_MAX_EVENTS = 20_000;

/** Who acted, as a person reads it: name and email, else the kind of caller. */
export function actorLabel(e: AuditRow): { name: string; detail: string } {
  if (e.actor) return { name: e.actor.name, detail: e.actor.email };
  return { name: e.actorKind.toLowerCase(), detail: e.actorId ? e.actorId.slice(0, 8) : '' };
}

/** Every event matching `filter`, newest first, as CSV (the columns the page shows, arguments as JSON). */
export async function auditCsv(
  filter: AuditFilter,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const rows: AuditRow[] = [];
  let after: string | undefined;
  let more = true;
  while (more && rows.length < CSV_MAX_EVENTS) {
    const { auditLog } = await browserClient().send(AuditLogDocument, { filter, first: 200, after });
    rows.push(...auditLog.edges.map((e) => e.node));
    more = auditLog.pageInfo.hasNextPage && Boolean(auditLog.pageInfo.endCursor);
    after = auditLog.pageInfo.endCursor ?? undefined;
  }
  const csv = toCsv(
    AUDIT_COLUMNS,
    rows.map((e) => [
      e.seq,
      e.at,
      e.actor?.name,
      e.actor?.email,
      e.actorKind,
      e.actorId,
      e.operation,
      e.targetType,
      e.targetId,
      e.outcome,
      e.errorCode,
      JSON.stringify(e.args),
      e.hash,
    ]),
  );
  return { csv, rows: rows.length, truncated: more };
}

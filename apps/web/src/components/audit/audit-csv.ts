'use client';
import type { AuditFilter } from '@distillery/graphql-schema/types';
import { stringify } from 'csv-stringify/browser/esm/sync';

import { AuditLogDocument, type AuditLogQuery } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';

/** One audit event as the page lists it. */
export type AuditRow = AuditLogQuery['auditLog']['edges'][number]['node'];

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
  const csv = stringify(
    rows.map((e) => ({
      seq: e.seq,
      at: e.at,
      actor_name: e.actor?.name ?? '',
      actor_email: e.actor?.email ?? '',
      actor_kind: e.actorKind,
      actor_id: e.actorId ?? '',
      operation: e.operation,
      target_type: e.targetType,
      target_id: e.targetId ?? '',
      outcome: e.outcome,
      error_code: e.errorCode ?? '',
      args: JSON.stringify(e.args),
      hash: e.hash,
    })),
    { header: true },
  );
  return { csv, rows: rows.length, truncated: more };
}

/** Hand a text to the browser as a file download. */
export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

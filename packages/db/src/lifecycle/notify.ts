// Every lifecycle step tells listeners (the API's subscriptions, the job-queue feed) through Postgres
// NOTIFY inside the writing transaction, delivered on commit. A payload over Postgres' 8 kB limit would
// make the NOTIFY fail and with it the transaction that already wrote its rows, so an oversize payload
// is never thrown: it is cut down to a reference to the rows (metric points and keys or log lines dropped: listeners
// read the step or seq range) or split (revoked credential lists), and one that still cannot fit is skipped.
import { NOTIFY_LIMIT, type Topic, type Topics } from '@distillery/domain';

import type { Sql } from '../sql.ts';

const fits = (text: string): boolean => Buffer.byteLength(text) < NOTIFY_LIMIT;

/** The NOTIFY texts that carry `payload` on `topic`, each under the limit (empty: nothing fits). */
export function noticeTexts<T extends Topic>(topic: T, payload: Topics[T]): string[] {
  const text = JSON.stringify(payload);
  if (fits(text)) return [text];
  if (topic === 'distillery.metrics_appended') {
    const p = payload as Topics['distillery.metrics_appended'];
    const ref = JSON.stringify({ ...p, points: undefined });
    if (fits(ref)) return [ref];
    const bare = JSON.stringify({ ...p, points: undefined, keys: [] });
    return fits(bare) ? [bare] : [];
  }
  if (topic === 'distillery.run_logs_appended') {
    // Listeners read lines fromSeq..toSeq when they are not inline.
    const ref = JSON.stringify({ ...(payload as Topics['distillery.run_logs_appended']), lines: undefined });
    return fits(ref) ? [ref] : [];
  }
  if (topic === 'distillery.credentials_revoked') {
    // Every id must reach every replica (a dropped one would leave a revoked socket open): split.
    const p = payload as Topics['distillery.credentials_revoked'];
    const out: string[] = [];
    for (const field of ['sessionIds', 'tokenIds', 'userIds'] as const) {
      let part: string[] = [];
      for (const id of p[field] ?? []) {
        if (!fits(JSON.stringify({ [field]: [...part, id] })) && part.length > 0) {
          out.push(JSON.stringify({ [field]: part }));
          part = [];
        }
        part.push(id);
      }
      if (part.length > 0) out.push(JSON.stringify({ [field]: part }));
    }
    return out.filter(fits);
  }
  return [];
}

/** Publish `payload` on `topic` in the transaction `sql` runs in; never throws for its size. */
export async function notify<T extends Topic>(sql: Sql, topic: T, payload: Topics[T]): Promise<number> {
  const texts = noticeTexts(topic, payload);
  for (const text of texts) await sql('SELECT pg_notify($1, $2)::text AS sent', [topic, text]);
  return texts.length;
}

/** A run changed status: `runUpdated` subscribers hear of it, and the job-queue feed when `action` says. */
export async function notifyRunStatus(
  sql: Sql,
  run: { projectId: string; runId: string; kind?: string },
  status: string,
  action?: Topics['distillery.job_queue']['action'],
): Promise<void> {
  await notify(sql, 'distillery.run_updated', { projectId: run.projectId, runId: run.runId, status });
  if (action && run.kind) {
    await notify(sql, 'distillery.job_queue', {
      projectId: run.projectId,
      runId: run.runId,
      kind: run.kind,
      action,
      at: new Date().toISOString(),
    });
  }
}

// Wait for every run of the reproduction's experiments to end, printing progress to stderr; runs
// that fail are reported (the report lists them) rather than aborting the wait.
import { ExperimentProgressDocument, type DistilleryClient } from '@distillery/client';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Status counts over a set of experiments. */
export interface Progress {
  total: number;
  done: number;
  byStatus: Record<string, number>;
  failed: { id: string; tags: string[]; reason: string | null }[];
  statusOf: Map<string, string>;
}

/** Current status of every run of `experimentIds`. */
export async function progress(client: DistilleryClient, experimentIds: string[]): Promise<Progress> {
  const p: Progress = { total: 0, done: 0, byStatus: {}, failed: [], statusOf: new Map() };
  for (const id of experimentIds) {
    const { experiment } = await client.request(ExperimentProgressDocument, { id });
    for (const r of experiment?.runs ?? []) {
      p.total++;
      p.byStatus[r.status] = (p.byStatus[r.status] ?? 0) + 1;
      p.statusOf.set(r.id, r.status);
      if (TERMINAL.has(r.status)) p.done++;
      if (r.status === 'FAILED') p.failed.push({ id: r.id, tags: r.tags, reason: r.failureReason });
    }
  }
  return p;
}

/** Poll until every run has ended; `onTick` may submit more runs (it sees each poll's progress). */
export async function waitForRuns(
  client: DistilleryClient,
  experimentIds: () => string[],
  log: (line: string) => void,
  onTick: (p: Progress) => Promise<void> = async () => undefined,
  pollMs = 10_000,
): Promise<Progress> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    const p = await progress(client, experimentIds());
    await onTick(p);
    const line = `${p.done}/${p.total} runs ended (${Object.entries(p.byStatus).map(([k, v]) => `${v} ${k.toLowerCase()}`).join(', ')})`;
    if (line !== last) log(`[${((Date.now() - t0) / 60_000).toFixed(1)} min] ${line}`);
    last = line;
    const again = await progress(client, experimentIds());
    if (again.total === again.done && again.total === p.total) return again;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

// Wait for every run of the reproduction's experiments to end, printing progress to stderr; runs
// that fail are reported (the report lists them) rather than aborting the wait.
import { ExperimentProgressDocument, TERMINAL_STATUSES, type DistilleryClient } from '@distillery/client';

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
      if (TERMINAL_STATUSES.has(r.status)) p.done++;
      if (r.status === 'FAILED') p.failed.push({ id: r.id, tags: r.tags, reason: r.failureReason });
    }
  }
  return p;
}

/** Poll until every run has ended; `onTick` sees each poll's progress and returns true when it submitted more runs. */
export async function waitForRuns(
  client: DistilleryClient,
  experimentIds: () => string[],
  log: (line: string) => void,
  onTick: (p: Progress) => Promise<boolean> = async () => false,
  pollMs = 10_000,
): Promise<Progress> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    const p = await progress(client, experimentIds());
    const submitted = await onTick(p);
    const line = `${p.done}/${p.total} runs ended (${Object.entries(p.byStatus)
      .map(([k, v]) => `${v} ${k.toLowerCase()}`)
      .join(', ')})`;
    if (line !== last) log(`[${((Date.now() - t0) / 60_000).toFixed(1)} min] ${line}`);
    last = line;
    if (p.total === p.done && !submitted) return p;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

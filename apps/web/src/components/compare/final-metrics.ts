import type { DistilleryClient } from '@distillery/client';

import { CompareRunsDocument } from '../../graphql/generated/graphql.ts';

/** A run's last logged value of a key, and its best over the whole history. */
export interface FinalMetric {
  final: number;
  best: number;
  /** Step of the last point. */
  step: number;
}

/** runId → key → final/best. */
export type FinalMetrics = Map<string, Map<string, FinalMetric>>;

// Keys where a smaller value is better; for every other logged key (accuracy, agreement, epoch…) larger is.
const LOWER_IS_BETTER = /loss|error|nll|ece|brier|perplexity/i;

/** Whether the best value of `key` is its minimum. */
export function lowerIsBetter(key: string): boolean {
  return LOWER_IS_BETTER.test(key);
}

// compareRuns answers at most 2,000 series a request; 25 runs a request keeps requests parallel.
const RUNS_PER_REQUEST = 25;

/**
 * Final and best value of every key for every run: one bucket per series (buckets = 1), whose
 * `last` is the final point and whose min/max span the whole history, read exactly by the API.
 */
export async function fetchFinalMetrics(
  client: DistilleryClient,
  ids: readonly string[],
  keys: readonly string[],
  signal?: AbortSignal,
): Promise<FinalMetrics> {
  const out: FinalMetrics = new Map(ids.map((id) => [id, new Map()]));
  if (keys.length === 0) return out;
  const per = Math.max(1, Math.min(RUNS_PER_REQUEST, Math.floor(2000 / keys.length)));
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += per) chunks.push(ids.slice(i, i + per));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      client.send(CompareRunsDocument, { ids: chunk, keys: [...keys], buckets: 1 }, signal ? { signal } : {}),
    ),
  );
  for (const { compareRuns } of answers)
    for (const s of compareRuns) {
      const p = s.points[s.points.length - 1];
      if (!p) continue;
      out.get(s.runId)?.set(s.key, {
        final: p.last,
        best: lowerIsBetter(s.key) ? p.min : p.max,
        step: p.step,
      });
    }
  return out;
}

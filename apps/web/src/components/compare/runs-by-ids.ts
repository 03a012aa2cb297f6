import type { DistilleryClient } from '@distillery/client';

import { type RunRowFragment, RunsByIdsDocument } from '../../graphql/generated/graphql.ts';

/** The subset a teacher trained on, as the compare page names it. */
export interface CompareSubset {
  id: string;
  label: string | null;
  fraction: number;
  seed: number;
  method: string;
}

/**
 * A run's row plus what tells runs apart beyond `params` (data, subset, distillation settings and
 * teachers live on the run, its Teacher and its Student), for the compare page.
 */
export type CompareRun = RunRowFragment & {
  datasetId?: string | null;
  splitId?: string | null;
  teacher?: { origin: string; fraction: number; subset: CompareSubset | null } | null;
  student?: {
    mode: string;
    alpha: number;
    temperature: number;
    temperatureMode: string;
    teacherFraction: number | null;
    teachers: { runId: string; run: { name: string } }[];
  } | null;
};

// The API's largest page: up to this many runs come back from one request.
const PAGE = 200;

/**
 * Load a project's runs by id, in the order of `ids`: one `runs(filter: { ids })` request per 200
 * runs, all in flight at once. Missing, deleted or other projects' runs are skipped.
 */
export async function fetchRunsByIds(
  client: DistilleryClient,
  projectId: string,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<CompareRun[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += PAGE) chunks.push(unique.slice(i, i + PAGE));
  const pages = await Promise.all(
    chunks.map((chunk) =>
      client.send(
        RunsByIdsDocument,
        { projectId, ids: chunk, first: chunk.length },
        signal ? { signal } : {},
      ),
    ),
  );
  const byId = new Map<string, CompareRun>(
    pages.flatMap((p) => p.runs.edges.map((e) => [e.node.id, e.node])),
  );
  return unique.flatMap((id) => byId.get(id) ?? []);
}

import type { DistilleryClient } from '@distillery/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

import type { RunRowFragment } from '../../graphql/generated/graphql.ts';

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
 * teachers live on the run, its Teacher and its Student), and its metric keys, for the compare page.
 */
export type CompareRun = RunRowFragment & {
  metricKeys?: string[];
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

const FIELDS = [
  'id name kind status tags params summary seed architectureKey createdAt finishedAt parameterCount',
  'datasetId splitId',
  'teacher { origin fraction subset { id label fraction seed method } }',
  'student { mode alpha temperature temperatureMode teacherFraction teachers { runId run { name } } }',
].join(' ');
// The API refuses an operation with more than 15 aliases (SHAPE_LIMITS.maxAliases, graphql-armor).
const CHUNK = 15;
// Metric keys cost the API a query per run; the first few runs tell which charts to draw, and the
// metric picker offers their union (runs of one comparison log the same keys).
const KEYED_RUNS = 8;

/**
 * Load many runs by id in a few requests: the API has `run(id)` but no id filter on `runs`, so
 * each request asks for up to 15 aliased `run` fields (the API's alias cap). Missing or hidden runs are skipped.
 */
export async function fetchRunsByIds(
  client: DistilleryClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<CompareRun[]> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) chunks.push(ids.slice(i, i + CHUNK));
  const results = await Promise.all(
    chunks.map((chunk, c) => {
      const vars = chunk.map((_, i) => `$i${i}: ID!`).join(', ');
      const fields = chunk
        .map(
          (_, i) => `r${i}: run(id: $i${i}) { ${FIELDS}${c === 0 && i < KEYED_RUNS ? ' metricKeys' : ''} }`,
        )
        .join('\n');
      const doc = parse(`query RunsByIds(${vars}) {\n${fields}\n}`) as TypedDocumentNode<
        Record<string, CompareRun | null>,
        Record<string, string>
      >;
      return client.send(
        doc,
        Object.fromEntries(chunk.map((id, i) => [`i${i}`, id])),
        signal ? { signal } : {},
      );
    }),
  );
  return results.flatMap((r) => Object.values(r).filter((x): x is CompareRun => x !== null));
}

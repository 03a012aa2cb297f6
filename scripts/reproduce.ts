// `npm run reproduce`: run the method's experiments through the product (CLI + GraphQL → runner →
// database) and regenerate docs/results.md and its figures from what the API returns.
//   npm run reproduce -- --config converged             the converged regime (issue 19; days on 2 cores)
//   npm run reproduce -- --config converged --plan-only run counts and the estimated budget, nothing runs
//   npm run reproduce -- --config full                  the earlier short-budget configuration (an hour)
//   npm run reproduce -- --config tiny                  the CI pipeline check (minutes)
//   npm run reproduce -- --report-only                  rebuild the report from the newest runs in the database
// Each configuration writes its own section of docs/results.md and keeps the others' (results-file.ts).
// DISTILLERY_API_URL points it at a running product instead of starting an API and a runner here.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';

import {
  DatasetsDocument,
  getProject,
  type DistilleryClient,
  SignInDocument,
  RunDocument,
  TeacherCheckpointsDocument,
  TERMINAL_STATUSES,
  type RunStatus,
} from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';
import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

import { budgetTable, IDLE_BENCH, planBudget } from './reproduce/budget.ts';
import { CONFIGS, type DatasetPlan, type ReproConfig } from './reproduce/config.ts';
import { submitDataset, type Followup, type RunLookup, type Submitted } from './reproduce/plan.ts';
import { findExperiments, writeReport } from './reproduce/report.ts';
import { openStack, ROOT } from './reproduce/stack.ts';
import { waitForRuns } from './reproduce/wait.ts';

const say = (line: string) => process.stderr.write(`reproduce: ${line}\n`);

const envSchema = z.object({
  DISTILLERY_API_URL: z.url().optional(),
  REPRODUCE_API_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  REPRODUCE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
});

/** Register the dataset through the CLI (it hashes the bytes here) unless the project has it. */
async function ensureDataset(
  client: DistilleryClient,
  apiUrl: string,
  token: string,
  projectId: string,
  plan: DatasetPlan,
): Promise<string> {
  const { datasets } = await client.request(DatasetsDocument, { projectId });
  const existing = datasets.find((d) => d.name === plan.source);
  if (existing) return existing.id;
  const cli = join(ROOT, 'packages', 'cli', 'bin', 'distillery.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, 'datasets', 'import', plan.source, '--quiet'],
    {
      env: {
        ...process.env,
        DISTILLERY_API_URL: apiUrl,
        DISTILLERY_TOKEN: token,
        DISTILLERY_PROJECT: projectId,
      },
      maxBuffer: 1 << 20,
    },
  );
  return stdout.trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: 'converged' },
      'report-only': { type: 'boolean', default: false },
      'plan-only': { type: 'boolean', default: false },
      'best-epochs': { type: 'string', default: '10,30,80' },
      out: { type: 'string', default: 'docs' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const config: ReproConfig | undefined = CONFIGS[values.config as ReproConfig['name']];
  if (!config)
    throw new Error(`--config must be one of ${Object.keys(CONFIGS).join(', ')}, got ${values.config}`);
  if (values['plan-only']) {
    const bestEpochs = values['best-epochs'].split(',').map(Number);
    if (bestEpochs.some((e) => !Number.isInteger(e) || e < 1))
      throw new Error(`--best-epochs must be positive integers, got ${values['best-epochs']}`);
    const rows = await planBudget(config, bestEpochs);
    process.stdout.write(
      `${config.title}: ${rows.reduce((a, r) => a + r.runs, 0)} runs. Estimated machine-hours (one job at a time uses the whole machine, so this is wall-clock), for the validation loss bottoming out at each assumed epoch (runs stop patience epochs later, capped):\n\n${budgetTable(rows, bestEpochs)}\n\nThroughputs: ${IDLE_BENCH.source}; ${IDLE_BENCH.runOverheadSec} s per run for start-up and saving.\n`,
    );
    return;
  }
  const env = envSchema.parse(definedEnv(process.env));
  const outDir = resolve(ROOT, values.out);
  const t0 = Date.now();
  const stack = await openStack({
    apiUrl: env.DISTILLERY_API_URL,
    apiPort: env.REPRODUCE_API_PORT,
    concurrency: env.REPRODUCE_CONCURRENCY,
    log: say,
    ...(values.verbose ? { childLog: (line: string) => process.stderr.write(`  ${line}\n`) } : {}),
  });
  const stop = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const anon = createNodeClient({ url: stack.apiUrl });
    const { signIn } = await anon.request(SignInDocument, { email: stack.email, password: stack.password });
    const client = createNodeClient({ url: stack.apiUrl, token: signIn.token, timeoutMs: 120_000 });
    const project = await getProject(client, 'demo');
    let experimentIds: string[];
    if (values['report-only']) {
      experimentIds = (await findExperiments(client, project.id, config.name)).map((e) => e.id);
      if (experimentIds.length === 0)
        throw new Error(
          `no [${config.name}] experiments in the demo project; run without --report-only first`,
        );
    } else {
      const submitted: Submitted[] = [];
      for (const plan of config.datasets) {
        const datasetId = await ensureDataset(client, stack.apiUrl, signIn.token, project.id, plan);
        submitted.push(await submitDataset(client, config, plan, { projectId: project.id, datasetId }, say));
      }
      const ids = () => submitted.flatMap((s) => Object.values(s.experiments));
      say(
        `submitted ${ids().length} experiments to ${stack.description}; waiting for the runner (Ctrl-C stops; runs stay queued)`,
      );
      let pending: Followup[] = submitted.flatMap((s) => s.followups);
      const look: RunLookup = {
        summaryOf: async (runId) => {
          const { run } = await client.request(RunDocument, { id: runId });
          return (run?.summary ?? {}) as Record<string, unknown>;
        },
        checkpointsOf: async (runId) => {
          const { run } = await client.request(TeacherCheckpointsDocument, { runId });
          const cps = (run?.teacher?.checkpoints ?? [])
            .filter((c) => c.kind === 'SNAPSHOT' || c.kind === 'FGE')
            .sort((a, b) => (a.cycle ?? 0) - (b.cycle ?? 0));
          return {
            origin: run?.teacher?.origin ?? 'SNAPSHOT',
            seed: run?.seed ?? 0,
            checkpointIds: cps.map((c) => c.id),
          };
        },
      };
      await waitForRuns(client, ids, say, async (p) => {
        const ready = pending.filter((f) =>
          f.after.every((id) => TERMINAL_STATUSES.has(p.statusOf.get(id) as RunStatus)),
        );
        if (ready.length === 0) return false;
        pending = pending.filter((f) => !ready.includes(f));
        for (const f of ready) {
          say(`submitting ${f.what}`);
          pending.push(...(await f.submit(look)));
        }
        return true;
      });
      experimentIds = ids();
    }
    const report = await writeReport(client, {
      projectId: project.id,
      experimentIds,
      config,
      outDir,
      minutes: (Date.now() - t0) / 60_000,
    });
    say(
      `wrote ${report.files.length} files to ${outDir} (${report.runs} runs, ${report.failed} failed) in ${((Date.now() - t0) / 60_000).toFixed(1)} min`,
    );
    await client.close();
  } finally {
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  say((e as Error).message);
  process.exit(1);
});

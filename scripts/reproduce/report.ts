// docs/results.md and its figures, generated from the API's answers about the reproduction's runs.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import type { DistilleryClient } from '@distillery/client';

import { num, ok, stat, tagNum } from './analysis.ts';
import { claimsSection } from './claims-section.ts';
import { loadExperiment, resultsTable, type ExperimentData } from './collect.ts';
import type { DatasetPlan, ReproConfig } from './config.ts';
import { convergenceSection } from './convergence-section.ts';
import { gridSection, type Finding } from './grid-section.ts';
import { table, verdict } from './markdown.ts';
import type { Study } from './plan.ts';
import { reproducibility } from './repro-check.ts';
import { demote, writeSection } from './results-file.ts';
import {
  hintonSection,
  reproSection,
  resnetSection,
  sizeSection,
  snapshotSection,
  type Section,
} from './study-sections.ts';
import { trainingLines } from './training-section.ts';

export { findExperiments } from './collect.ts';

/** Inputs of the report. */
export interface ReportInput {
  projectId: string;
  experimentIds: string[];
  config: ReproConfig;
  outDir: string;
  minutes: number;
}

/** What was written. */
export interface ReportOutput {
  files: string[];
  runs: number;
  failed: number;
  findings: Finding[];
}

const slugOf = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** Write results.md and figures/ under outDir; returns the files written, run counts and findings. */
export async function writeReport(client: DistilleryClient, input: ReportInput): Promise<ReportOutput> {
  const exps: ExperimentData[] = [];
  for (const id of input.experimentIds) exps.push(await loadExperiment(client, id));
  // Each configuration owns figures/<name>/ (the other sections' figures stay).
  rmSync(join(input.outDir, 'figures', input.config.name), { recursive: true, force: true });
  mkdirSync(join(input.outDir, 'figures', input.config.name), { recursive: true });
  const byDataset = new Map<string, { plan: DatasetPlan; studies: Map<Study, ExperimentData> }>();
  for (const e of exps) {
    const plan = e.plan.dataset as DatasetPlan;
    const entry = byDataset.get(plan.label) ?? { plan, studies: new Map() };
    entry.studies.set(e.plan.study as Study, e);
    byDataset.set(plan.label, entry);
  }
  // Datasets in the configuration's order.
  const rank = (label: string) => input.config.datasets.findIndex((d) => d.label === label);
  const ordered = new Map([...byDataset].sort((a, b) => rank(a[0]) - rank(b[0])));
  const allRuns = exps.flatMap((e) => e.runs);
  const failed = allRuns.filter((r) => r.status !== 'SUCCEEDED');
  const files: string[] = [];
  const findings: { dataset: string; f: Finding }[] = [];
  const body: string[] = [];

  for (const [label, { plan, studies }] of ordered) {
    const slug = `${input.config.name}/${slugOf(label)}`;
    body.push(`## ${label}`, '');
    const add = (s: Section) => {
      body.push(s.markdown, '');
      files.push(...s.files);
      findings.push(...s.findings.map((f) => ({ dataset: label, f })));
    };
    // Ensembles evaluated under both tie conventions: the tables use the principled one, the claims compare them.
    const principled = (e?: ExperimentData) =>
      e
        ? {
            ...e,
            runs: e.runs.filter(
              (r) => r.role !== 'ensemble' || (r.tags.get('ties') ?? 'PRINCIPLED') === 'PRINCIPLED',
            ),
          }
        : e;
    const claims = claimsSection(label, {
      grid: studies.get('grid')?.runs ?? [],
      hinton: studies.get('hinton')?.runs ?? [],
      snapshot: studies.get('snapshot')?.runs ?? [],
      second: studies.get('resnet')?.runs ?? [],
    });
    const grid = principled(studies.get('grid'));
    add(
      convergenceSection(
        label,
        [...studies.values()].flatMap((e) => e.runs),
      ),
    );
    add(claims);
    if (grid) {
      const apiCells = await resultsTable(
        client,
        input.projectId,
        grid.id,
        ['TEACHER_COUNT', 'FRACTION', 'MODE'],
        ['STUDENT'],
      );
      add(
        await gridSection({
          label,
          slug,
          runs: grid.runs,
          apiCells,
          outDir: input.outDir,
          experimentName: grid.name,
        }),
      );
    }
    const resnet = principled(studies.get('resnet'));
    if (resnet) add(resnetSection(label, resnet.runs));
    const size = studies.get('size');
    if (size) add(await sizeSection(label, slug, size.runs, input.outDir));
    const snap = studies.get('snapshot');
    if (snap && plan.snapshot)
      add(
        snapshotSection(
          label,
          snap.runs,
          plan.snapshot,
          // What the independent teachers actually trained (early stopping makes it differ from the cap).
          stat(
            ok(grid?.runs ?? [], 'teacher')
              .filter((t) => tagNum(t, 'p') === 1)
              .map((t) => num(t, 'epochs')),
          )?.mean ??
            plan.teachers[0]?.epochs ??
            Number.NaN,
        ),
      );
    const hinton = studies.get('hinton');
    if (hinton && grid) add(hintonSection(label, hinton.runs, grid.runs));
    const repro = studies.get('repro');
    if (repro && grid) add(reproSection(label, await reproducibility(client, repro.runs, grid.runs)));
  }

  const head = header(input, ordered, allRuns.length, failed.length);
  const summary = [
    '## Findings at a glance',
    '',
    'Each line is one of the method\'s claims (the thesis, mtkd-method.md §5, or the Voting README), checked against the runs below; "held" is computed from the numbers, not written by hand.',
    '',
    table(
      ['dataset', 'claim', 'here', 'numbers'],
      findings.map(({ dataset, f }) => [
        dataset,
        f.claim,
        f.held === null ? 'not measured' : verdict(f.held),
        f.evidence,
      ]),
    ),
    '',
  ];
  const failures = failed.length
    ? [
        '## Runs that did not succeed',
        '',
        table(
          ['run', 'status', 'reason'],
          failed.map((r) => [r.name, r.status, (r.failureReason ?? '').replace(/\|/g, '/').slice(0, 200)]),
        ),
        '',
      ]
    : [];
  const file = join(input.outDir, 'results.md');
  writeSection(
    file,
    input.config.name,
    demote([...head, ...summary, ...body, ...failures, ...timing(exps)].join('\n')),
  );
  return {
    files: [file, ...files],
    runs: allRuns.length,
    failed: failed.length,
    findings: findings.map((x) => x.f),
  };
}

function header(
  input: ReportInput,
  byDataset: Map<string, { plan: DatasetPlan; studies: Map<Study, ExperimentData> }>,
  runs: number,
  failed: number,
): string[] {
  const cpu = cpus();
  const all = [...byDataset.values()].flatMap((d) => [...d.studies.values()].flatMap((e) => e.runs));
  const starts = all.flatMap((r) => (r.startedAt ? [r.startedAt] : []));
  const ends = all.flatMap((r) => (r.finishedAt ? [r.finishedAt] : []));
  const span =
    starts.length && ends.length ? (Math.max(...ends) - Math.min(...starts)) / 60_000 : input.minutes;
  const rows = [...byDataset].map(([label, { plan, studies }]) => {
    const grid = studies.get('grid');
    const base = ok(grid?.runs ?? [], 'baseline')[0];
    const t = plan.teachers
      .map((x) => `${x.arch} × ${x.perFraction} per p ∈ {${x.fractions.join(', ')}}, ${x.epochs} epoch(s)`)
      .join('; ');
    const s = plan.students
      ? `${plan.students.arch}, ${plan.students.epochs} epoch(s), ${plan.students.modes.map((m) => m.toLowerCase()).join('/')}${plan.students.extraModesAtFull.length ? ` (+ ${plan.students.extraModesAtFull.map((m) => m.toLowerCase()).join(', ')} at p = 1)` : ''}, N ∈ {${plan.students.teacherCounts.join(', ')}}, α ∈ {${plan.students.alphas.join(', ')}} over ${plan.students.repetitions} repetitions`
      : '–';
    return [
      label,
      `${(100 * plan.useFraction).toFixed(0)} % of the training set: ${base ? num(base, 'train_samples') : '?'} train / ${Math.round(plan.valFraction * 100)} % val; the 10,000 test images`,
      t,
      s,
    ];
  });
  return [
    `# ${input.config.title}`,
    '',
    `_Generated by \`npm run reproduce -- --config ${input.config.name}\` from ${runs} runs (${failed} did not succeed) read back through the GraphQL API. Budget used: ${span.toFixed(0)} min (${(span / 60).toFixed(1)} h) wall-clock from the first run's start to the last one's end, on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, no GPU (the runner picks tfjs-node-gpu, tfjs-node, wasm, cpu in that order)._`,
    '',
    '## Budget',
    '',
    input.config.name === 'converged'
      ? "The regime the method assumes (issue 19): whole training sets; every teacher, student and baseline trained with augmentation (dataset jitter + the architecture's RandAugment), the ORIGINAL epoch budget, up to the thesis' 300 epochs with early stopping on the validation loss (patience 20, the original's for the `test` CNN) ending with the best epoch's weights; ensembles under both tie conventions. `npm run reproduce -- --config converged --plan-only` prints the run counts and the estimated budget before anything runs."
      : 'The thesis trained ResNet50V2 for up to 300 epochs on CIFAR-10; this machine has 2 CPU cores, so every model here is small and trains for one or two epochs on a fixed share of the data. The orderings between modes, rules and sizes are the object of comparison, not the absolute accuracies.',
    '',
    table(['dataset', 'data', 'teachers', 'students'], rows),
    '',
    ...trainingLines(all),
    '',
  ];
}

function timing(exps: ExperimentData[]): string[] {
  const kinds = new Map<string, number[]>();
  for (const r of exps.flatMap((e) => e.runs)) {
    if (r.seconds === null) continue;
    const k = `${r.kind.toLowerCase()} (${String(r.params.architectureKey ?? r.summary.architecture ?? '–')})`;
    kinds.set(k, [...(kinds.get(k) ?? []), r.seconds]);
  }
  const total = [...kinds.values()].flat().reduce((a, b) => a + b, 0);
  return [
    '## Where the time went',
    '',
    `Run durations from the runner's start/finish timestamps (start-up included); ${(total / 60).toFixed(0)} job-minutes in total.`,
    '',
    table(
      ['kind', 'runs', 'mean s', 'total min'],
      [...kinds]
        .sort()
        .map(([k, xs]) => [
          k,
          String(xs.length),
          (stat(xs)?.mean ?? 0).toFixed(1),
          (xs.reduce((a, b) => a + b, 0) / 60).toFixed(1),
        ]),
    ),
    '',
  ];
}

// export runs | metrics | predictions | subsets | teachers-csv | students-csv.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
  DatasetDocument,
  DatasetsDocument,
  getMetricHistory,
  listRuns,
  RunDocument,
  RunPredictionsDocument,
  StudentsDocument,
  TeachersDocument,
  type RunFilter,
  type RunKind,
  type RunPredictionsQuery,
  type RunStatus,
  type SplitRole,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import type { CliContext } from '../context.ts';
import { toCsv } from '../csv.ts';
import type { Register } from '../program.ts';
import { studentRows, STUDENT_COLUMNS, teacherRows, TEACHER_COLUMNS, uuidHex } from '../registries.ts';
import { fetchMembers, loadSplitData } from '../subset-files.ts';
import { ml } from '../local-data.ts';

type Format = 'csv' | 'json';

/** Write to --out (relative to the working directory) or stdout. */
function emit(ctx: CliContext, out: string | undefined, text: string): void {
  if (!out || out === '-') {
    ctx.io.out(text);
    return;
  }
  const path = resolve(ctx.io.cwd, out);
  writeFileSync(path, text);
  ctx.io.err(`wrote ${path}\n`);
}

function format(o: { format?: string }, ctx: CliContext): Format {
  const f = o.format ?? (ctx.json ? 'json' : 'csv');
  if (f !== 'csv' && f !== 'json')
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `--format must be csv or json, got "${f}"`);
  return f;
}

/** Flatten nested params/summary into `prefix.key` columns. */
function flatten(prefix: string, v: unknown, out: Record<string, unknown>): void {
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) flatten(`${prefix}.${k}`, x, out);
  else out[prefix] = v;
}

function table(rows: Record<string, unknown>[], f: Format): string {
  if (f === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return toCsv(
    header,
    rows.map((r) => header.map((h) => r[h])),
  );
}

type StoredPrediction = NonNullable<RunPredictionsQuery['run']>['predictions'][number];

/** One row per sample: the predicted class and the probability of each class (float32 as stored). */
export function predictionRows(
  runId: string,
  predictions: readonly StoredPrediction[],
  classNames?: readonly string[],
): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const p of predictions) {
    const bytes = Buffer.from(p.probsBase64, 'base64');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const names =
      classNames?.length === p.classes ? classNames : Array.from({ length: p.classes }, (_, c) => String(c));
    for (let i = 0; i < p.samples; i++) {
      const probs = names.map((_, c) => view.getFloat32((i * p.classes + c) * 4, true));
      const best = probs.indexOf(Math.max(...probs));
      rows.push({
        run_id: runId,
        checkpoint_id: p.checkpointId,
        split_role: p.splitRole,
        sample: i,
        predicted: names[best],
        ...Object.fromEntries(names.map((n, c) => [`p_${n}`, probs[c]])),
      });
    }
  }
  return rows;
}

export const registerExportCommands: Register = (program: Command, action) => {
  const exp = program
    .command('export')
    .description('export runs, metrics, predictions and the original registries as CSV/JSON');
  exp
    .command('runs')
    .description('runs with their params.* and summary.* flattened into columns')
    .option('--format <f>', 'csv or json (default csv, json with --json)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--kind <k,…>', 'run kinds')
    .option('--status <s,…>', 'statuses')
    .option('--experiment <id>', 'one experiment')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery export runs --kind STUDENT --status SUCCEEDED --out students-runs.csv\n  $ distillery export runs --format json | jq length',
    )
    .action(
      action(
        async (
          ctx,
          o: { format?: string; out?: string; kind?: string; status?: string; experiment?: string },
        ) => {
          const filter: RunFilter = {
            ...(o.kind ? { kind: o.kind.toUpperCase().split(',') as RunKind[] } : {}),
            ...(o.status ? { status: o.status.toUpperCase().split(',') as RunStatus[] } : {}),
            ...(o.experiment ? { experimentId: o.experiment } : {}),
          };
          const rows: Record<string, unknown>[] = [];
          for await (const r of listRuns(ctx.client(), await ctx.projectId(), { filter })) {
            const row: Record<string, unknown> = {
              id: r.id,
              name: r.name,
              kind: r.kind,
              status: r.status,
              architecture: r.architectureKey,
              seed: r.seed,
              experiment_id: r.experimentId,
              dataset_id: r.datasetId,
              split_id: r.splitId,
              tags: r.tags.join(' '),
              parameter_count: r.parameterCount,
              created_at: r.createdAt,
              finished_at: r.finishedAt,
            };
            flatten('params', r.params, row);
            flatten('summary', r.summary, row);
            rows.push(row);
          }
          emit(ctx, o.out, table(rows, format(o, ctx)));
        },
      ),
    );
  exp
    .command('metrics <runIds...>')
    .description('logged metrics in long form: run_id,key,step,value')
    .option('--keys <k,…>', 'only these keys (default: every key of each run)')
    .option('--format <f>', 'csv or json')
    .option('--out <file>', 'write here instead of stdout')
    .action(
      action(async (ctx, runIds: string[], o: { keys?: string; format?: string; out?: string }) => {
        const rows: Record<string, unknown>[] = [];
        for (const id of runIds) {
          const { run } = await ctx.client().request(RunDocument, { id });
          if (!run)
            throw new AppError(AppErrorCode.NOT_FOUND, `run ${id} does not exist or is not visible to you`);
          for (const key of o.keys ? o.keys.split(',') : run.metricKeys) {
            const series = await getMetricHistory(ctx.client(), id, key);
            if (!series.exact)
              ctx.io.err(
                `warning: ${id} ${key} has more than 5,000 points; exported the API's 5,000-bucket downsampling (last value per bucket)\n`,
              );
            for (const p of series.points) rows.push({ run_id: id, key, step: p.step, value: p.value });
          }
        }
        emit(ctx, o.out, table(rows, format(o, ctx)));
      }),
    );
  exp
    .command('predictions <runId>')
    .description(
      'per-sample softmax outputs of a run: one row per sample with the predicted class and p_<class> columns',
    )
    .option('--split <role>', 'test, val or train (default: every stored role)')
    .option('--format <f>', 'csv or json')
    .option('--out <file>', 'write here instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery export predictions $RUN --split test --out teacher-test.csv',
    )
    .action(
      action(async (ctx, runId: string, o: { split?: string; format?: string; out?: string }) => {
        const role = o.split?.toUpperCase() as SplitRole | undefined;
        if (role && !['TEST', 'VAL', 'TRAIN'].includes(role))
          throw new AppError(
            AppErrorCode.BAD_USER_INPUT,
            `--split must be test, val or train, got "${o.split}"`,
          );
        const { run } = await ctx
          .client()
          .request(RunPredictionsDocument, { id: runId, ...(role ? { splitRole: role } : {}) });
        if (!run)
          throw new AppError(AppErrorCode.NOT_FOUND, `run ${runId} does not exist or is not visible to you`);
        if (run.predictions.length === 0)
          throw new AppError(
            AppErrorCode.NOT_FOUND,
            `run ${runId} has no stored predictions${role ? ` for ${role}` : ''}`,
          );
        const dataset = run.datasetId
          ? (await ctx.client().request(DatasetDocument, { id: run.datasetId })).dataset
          : null;
        emit(ctx, o.out, table(predictionRows(run.id, run.predictions, dataset?.classNames), format(o, ctx)));
      }),
    );
  exp
    .command('subsets <split>')
    .description('write every subset of a split as the original subset_<p>_<uuid>.csv files')
    .requiredOption('--out-dir <dir>', 'folder for the files')
    .action(
      action(async (ctx, splitId: string, o: { outDir: string }) => {
        const { split, dataset } = await loadSplitData(ctx.client(), splitId, ctx.connection().token);
        const { writeSubsetCsv } = await ml();
        const dir = resolve(ctx.io.cwd, o.outDir);
        mkdirSync(dir, { recursive: true });
        const written: string[] = [];
        for (const s of split.subsets) {
          const members = await fetchMembers(ctx.client(), s.id, s.size);
          // Imported files keep their uuid (stored as the label); our own subsets use their id.
          const uuid = s.label && /^[0-9a-f]{32}$/.test(s.label) ? s.label : uuidHex(s.id);
          const file = writeSubsetCsv(
            { p: s.fraction, method: 'BERNOULLI', seed: s.seed, members },
            dataset,
            uuid,
          );
          writeFileSync(join(dir, file.fileName), file.csv);
          written.push(file.fileName);
        }
        if (ctx.json)
          ctx.io.out(
            `${JSON.stringify(
              written.map((f) => join(dir, f)),
              null,
              2,
            )}\n`,
          );
        else ctx.io.out(written.map((f) => `${join(dir, f)}\n`).join(''));
      }),
    );
  exp
    .command('teachers-csv')
    .description('teachers.csv with the original registry columns (mtkd-method.md §2.4)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--models-dir <dir>', 'prefix of model_location', 'models')
    .action(
      action(async (ctx, o: { out?: string; modelsDir: string }) => {
        const projectId = await ctx.projectId();
        const [{ teachers }, { datasets }] = await Promise.all([
          ctx.client().request(TeachersDocument, { projectId, first: 1000 }),
          ctx.client().request(DatasetsDocument, { projectId }),
        ]);
        emit(
          ctx,
          o.out,
          toCsv(TEACHER_COLUMNS, teacherRows(teachers, datasets, o.modelsDir, (await ml()).fractionToken)),
        );
      }),
    );
  exp
    .command('students-csv')
    .description('students.csv with the original registry columns (mtkd-method.md §4.6)')
    .option('--out <file>', 'write here instead of stdout')
    .option('--models-dir <dir>', 'prefix of model_location', 'models')
    .action(
      action(async (ctx, o: { out?: string; modelsDir: string }) => {
        const projectId = await ctx.projectId();
        const [{ students }, { datasets }] = await Promise.all([
          ctx.client().request(StudentsDocument, { projectId, first: 1000 }),
          ctx.client().request(DatasetsDocument, { projectId }),
        ]);
        emit(ctx, o.out, toCsv(STUDENT_COLUMNS, studentRows(students, datasets, o.modelsDir)));
      }),
    );
};

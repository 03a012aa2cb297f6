// datasets import|list, split, subsets.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import {
  CreateSplitDocument,
  DatasetsDocument,
  GenerateSubsetsDocument,
  RegisterDatasetDocument,
  SplitDocument,
  type SubsetMethod,
} from '@distillery/client';
import { uploadDatasetPack } from '@distillery/client/node';
import { AppError, AppErrorCode } from '@distillery/errors';
import { drawStratifiedSplit, SPLIT_METHODS } from '@distillery/domain';
import type { Dataset } from '@distillery/ml';
import type { Command } from 'commander';

import type { CliContext } from '../context.ts';

import {
  BUILTIN_SOURCES,
  contentHashOf,
  dataDir,
  loadFolder,
  loadRegistered,
  ml,
  packOf,
  parseShape,
  writeSampleFolder,
} from '../local-data.ts';
import { printList } from '../output.ts';
import type { Register } from '../program.ts';
import { findDataset, intList, num, numberList } from '../resolve.ts';
import { pickName } from '../vocabulary.ts';

/** Subset methods the API can draw without labels (STRATIFIED_EXACT needs them). */
const LABEL_FREE_SUBSETS: readonly SubsetMethod[] = ['BERNOULLI', 'BOOTSTRAP'];

export const registerDataCommands: Register = (program: Command, action) => {
  const datasets = program.command('datasets').description('register and list datasets');
  datasets
    .command('import <source>')
    .description(
      'register mnist, fashion-mnist or an image folder (train|val|test/<class>/<file>) after hashing it here',
    )
    .option('--name <name>', 'dataset name in the project (default: the source name)')
    .option('--preset <key>', 'for a folder: the preset whose shape and classes it has (mnist, cifar10, …)')
    .option('--shape <HxWxC>', 'for a folder without a preset: image shape, e.g. 32x32x3')
    .option(
      '--per-class <n>',
      'mnist/fashion-mnist: register only n training (and n/5 test) images per class, written as an image folder under $XDG_DATA_HOME/distillery/datasets (runners must see that path)',
    )
    .option(
      '--group-pattern <regex>',
      "for a folder: each sample's group (an aircraft, a camera) is the first capture of this regex on <name>/<role>/<class>/<file>; GROUP splits keep a group in one role",
    )
    .option(
      '--csv <file>',
      'the folder is flat and this CSV names each image: path,label[,group][,role] (role train|val|test, default train)',
    )
    .option(
      '--classes <names>',
      'with --csv: the class list in order (comma-separated); other labels are refused',
    )
    .option(
      '--dais <classes>',
      'the folder is a DAIS-style tree (<aircraft>_<inspection>/<stem ending in a damage code>.bmp): 2 (ok/corrosion) or 4 (none/soft/medium/hard) classes, split and grouped by aircraft',
    )
    .option('--train-aircraft <ids>', 'with --dais: aircraft ids in train', '2-33')
    .option('--test-aircraft <ids>', 'with --dais: aircraft ids in test', '34-38')
    .option('-q, --quiet', 'print only the dataset id')
    .addHelpText(
      'after',
      `
A folder is decoded here, packed (pixels, labels, groups, class names) and uploaded to the artifact
store under its SHA-256, the dataset's contentHash; runners fetch it by that hash, never this folder.

Examples:
  $ distillery datasets import ./smoke --shape 64x64x3 --group-pattern '/(cam\\d+)_'
  $ distillery datasets import /data/dais --dais 2 --shape 240x320x3 --name corrosion
  $ distillery datasets import mnist
  $ distillery datasets import mnist --per-class 200     # 2,000 + 400 images: quick experiments
  $ distillery datasets import fashion-mnist --name fmnist
  $ distillery datasets import ./data/cifar10 --preset cifar10`,
    )
    .action(
      action(
        async (
          ctx,
          source: string,
          opts: {
            name?: string;
            preset?: string;
            shape?: string;
            perClass?: string;
            groupPattern?: string;
            dais?: string;
            csv?: string;
            classes?: string;
            trainAircraft: string;
            testAircraft: string;
            quiet?: boolean;
          },
        ) => {
          const projectId = await ctx.projectId();
          const builtin = BUILTIN_SOURCES[source.toLowerCase()];
          ctx.io.err(`reading ${source}…\n`);
          let ds = builtin
            ? await loadRegistered({
                name: builtin.name,
                preset: builtin.preset,
                source: builtin.source,
                sourceUri: null,
                contentHash: '',
                height: 0,
                width: 0,
                channels: 0,
              })
            : opts.csv
              ? await loadCsv(resolve(ctx.io.cwd, source), resolve(ctx.io.cwd, opts.csv), opts)
              : opts.dais
                ? await loadDais(ctx, resolve(ctx.io.cwd, source), opts)
                : await loadFolder(resolve(ctx.io.cwd, source), opts);
          let folder: string | undefined = builtin ? undefined : resolve(ctx.io.cwd, source);
          if (opts.perClass !== undefined) {
            if (!builtin)
              throw new AppError(
                AppErrorCode.BAD_USER_INPUT,
                '--per-class samples mnist or fashion-mnist; a folder is imported as it is',
              );
            const n = intList('--per-class', opts.perClass)[0]!;
            if (n < 1)
              throw new AppError(AppErrorCode.BAD_USER_INPUT, `--per-class must be at least 1, got ${n}`);
            folder = join(dataDir(ctx.io.env), `${builtin.preset}-${n}-per-class`);
            await writeSampleFolder(ds, folder, n, Math.max(1, Math.ceil(n / 5)));
            // Hash exactly what the runners will read back.
            ds = await loadFolder(folder, { preset: builtin.preset });
          }
          const preset = builtin ? { preset: builtin.preset } : opts.preset ? { preset: opts.preset } : {};
          let input;
          if (folder) {
            // Folders travel as packs: the upload is checked against its hash, registration reads it.
            const { DAIS_GROUP_PATTERN, CSV_GROUP_PATTERN } = await ml();
            const pack = packOf(
              ds,
              opts.dais ? DAIS_GROUP_PATTERN : opts.csv ? CSV_GROUP_PATTERN : opts.groupPattern,
              // A CSV's group column is optional.
              Boolean(opts.csv),
            );
            const { url, token } = ctx.connection();
            ctx.io.err(`uploading ${(pack.sizeBytes / 1048576).toFixed(1)} MiB (sha256 ${pack.sha256})…\n`);
            await uploadDatasetPack(url, token, projectId, pack);
            input = {
              projectId,
              name: opts.name ?? builtin?.name ?? ds.name,
              contentHash: pack.sha256,
              ...preset,
            };
          } else {
            if (opts.groupPattern)
              throw new AppError(AppErrorCode.BAD_USER_INPUT, '--group-pattern applies to folders');
            const [height, width, channels] = ds.shape;
            input = {
              projectId,
              name: opts.name ?? builtin!.name,
              contentHash: contentHashOf(ds),
              source: builtin!.source,
              ...preset,
              height,
              width,
              channels,
              classNames: ds.classNames,
              trainCount: ds.train.count,
              testCount: ds.test.count,
            };
          }
          const { registerDataset } = await ctx.client().request(RegisterDatasetDocument, { input });
          if (opts.quiet) ctx.io.out(`${registerDataset.id}\n`);
          else printList(ctx.io, ctx.json, [registerDataset], DATASET_COLUMNS);
        },
      ),
    );
  datasets
    .command('list')
    .description('datasets of the project')
    .action(
      action(async (ctx) => {
        const { datasets: rows } = await ctx
          .client()
          .request(DatasetsDocument, { projectId: await ctx.projectId() });
        printList(ctx.io, ctx.json, rows, [
          ...DATASET_COLUMNS,
          { header: 'splits', get: (d: (typeof rows)[number]) => d.splits.length },
        ]);
      }),
    );

  program
    .command('split <dataset>')
    .description('make a seeded train/val split of a dataset (its own test set stays the test set)')
    .option('--val-fraction <f>', 'fraction of training samples held out for validation', '0.2')
    .option('--test-fraction <f>', 'fraction carved out as test (0 keeps the dataset test set)', '0')
    .option('--seed <n>', 'seed of the draw', '1')
    .option(
      '--method <m>',
      'bernoulli (the original rule, seeded), stratified (exact per class) or group (whole groups per role, for datasets imported with groups); drawn by the platform',
      'bernoulli',
    )
    .option('-q, --quiet', 'print only the split id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery split mnist --val-fraction 0.2 --seed 1\n  $ SPLIT=$(distillery split mnist --method stratified -q)',
    )
    .action(
      action(
        async (
          ctx,
          dataset: string,
          opts: { valFraction: string; testFraction: string; seed: string; method: string; quiet?: boolean },
        ) => {
          const ds = await findDataset(ctx, dataset);
          const valFraction = num('--val-fraction', opts.valFraction);
          const testFraction = num('--test-fraction', opts.testFraction);
          const seed = intList('--seed', opts.seed)[0]!;
          let assignmentBase64: string | undefined;
          const method = pickName('--method', SPLIT_METHODS, opts.method);
          if (method !== 'BERNOULLI' && !ds.splitMethods.includes(method)) {
            if (method === 'GROUP')
              throw new AppError(
                AppErrorCode.BAD_USER_INPUT,
                `dataset ${ds.name} has no groups; import it with --group-pattern`,
              );
            // A dataset registered without a pack: the platform has no labels, so draw here.
            const data = await loadRegistered(ds, ctx.connection().token);
            const bytes = drawStratifiedSplit(data.train.labels, { seed, valFraction, testFraction });
            assignmentBase64 = Buffer.from(bytes).toString('base64');
          }
          const { createSplit } = await ctx.client().request(CreateSplitDocument, {
            input: {
              datasetId: ds.id,
              seed,
              valFraction,
              testFraction,
              method,
              ...(assignmentBase64 ? { assignmentBase64 } : {}),
            },
          });
          if (opts.quiet) ctx.io.out(`${createSplit.id}\n`);
          else printList(ctx.io, ctx.json, [createSplit], SPLIT_COLUMNS);
        },
      ),
    );

  program
    .command('subsets <split>')
    .description('draw one subset per fraction p and seed from a split (list them with --list)')
    .option('--fractions <p,…>', 'subset fractions p in (0, 1]')
    .option('--seeds <n,…|a-b>', 'one subset per seed, e.g. 1-5', '1')
    .option('--method <m>', 'bernoulli (the original) or bootstrap', 'bernoulli')
    .option('--list', 'only list the split’s subsets')
    .option('-q, --quiet', 'print only the subset ids')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery subsets $SPLIT --fractions 0.6 --seeds 1-5\n  $ distillery subsets $SPLIT --list --json',
    )
    .action(
      action(
        async (
          ctx,
          split: string,
          opts: { fractions?: string; seeds: string; method: string; list?: boolean; quiet?: boolean },
        ) => {
          let rows;
          if (opts.list || !opts.fractions) {
            if (!opts.list)
              throw new AppError(AppErrorCode.BAD_USER_INPUT, 'pass --fractions to draw subsets, or --list');
            const { split: s } = await ctx.client().request(SplitDocument, { id: split });
            if (!s) throw new AppError(AppErrorCode.NOT_FOUND, `split ${split} does not exist`);
            rows = s.subsets;
          } else {
            const method = pickName('--method', LABEL_FREE_SUBSETS, opts.method);
            const { generateSubsets } = await ctx.client().request(GenerateSubsetsDocument, {
              input: {
                splitId: split,
                fractions: numberList('--fractions', opts.fractions),
                seeds: intList('--seeds', opts.seeds),
                method,
              },
            });
            rows = generateSubsets;
          }
          if (opts.quiet) ctx.io.out(rows.map((r) => `${r.id}\n`).join(''));
          else printList(ctx.io, ctx.json, rows, SUBSET_COLUMNS);
        },
      ),
    );
};

/** Read a flat folder named by a CSV (path,label[,group][,role]). */
async function loadCsv(
  folder: string,
  csv: string,
  opts: { shape?: string; name?: string; classes?: string },
): Promise<Dataset> {
  if (!opts.shape) throw new AppError(AppErrorCode.BAD_USER_INPUT, '--csv needs --shape HxWxC');
  const { loadCsvFolder } = await ml();
  const text = await readFile(csv, 'utf8').catch(() => {
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `--csv: cannot read ${csv}`);
  });
  return loadCsvFolder(folder, text, {
    name: opts.name ?? basename(folder),
    shape: parseShape(opts.shape),
    ...(opts.classes ? { classNames: opts.classes.split(',').map((c) => c.trim()) } : {}),
  });
}

/** Read a DAIS-style tree with the CLI's options; says what it left out. */
async function loadDais(
  ctx: CliContext,
  folder: string,
  opts: { dais?: string; shape?: string; name?: string; trainAircraft: string; testAircraft: string },
): Promise<Dataset> {
  const variant = Number(opts.dais);
  if (variant !== 2 && variant !== 4)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `--dais must be 2 or 4, got "${opts.dais}"`);
  const { loadDaisFolder } = await ml();
  const { dataset, skipped } = await loadDaisFolder(folder, {
    name: opts.name ?? basename(folder),
    variant,
    shape: parseShape(opts.shape ?? '240x320x3'),
    trainAircraft: new Set(intList('--train-aircraft', opts.trainAircraft)),
    testAircraft: new Set(intList('--test-aircraft', opts.testAircraft)),
  });
  ctx.io.err(
    `read ${dataset.train.count} train and ${dataset.test.count} test images; left out ${skipped.code} with other codes and ${skipped.aircraft} of aircraft in neither role\n`,
  );
  return dataset;
}

type Row = Record<string, unknown>;
const DATASET_COLUMNS = [
  { header: 'id', get: (d: Row) => d.id },
  { header: 'name', get: (d: Row) => d.name },
  { header: 'source', get: (d: Row) => d.source },
  { header: 'shape', get: (d: Row) => `${String(d.height)}x${String(d.width)}x${String(d.channels)}` },
  { header: 'classes', get: (d: Row) => (d.classNames as string[]).length },
  { header: 'train', get: (d: Row) => d.trainCount },
  { header: 'test', get: (d: Row) => d.testCount },
];
const SPLIT_COLUMNS = [
  { header: 'id', get: (s: Row) => s.id },
  { header: 'method', get: (s: Row) => s.method },
  { header: 'seed', get: (s: Row) => s.seed },
  { header: 'train', get: (s: Row) => s.trainCount },
  { header: 'val', get: (s: Row) => s.valCount },
  { header: 'test', get: (s: Row) => s.testCount },
];
/** Columns of subset listings (also used by `import subsets`). */
export const SUBSET_COLUMNS = [
  { header: 'id', get: (s: Row) => s.id },
  { header: 'p', get: (s: Row) => s.fraction },
  { header: 'seed', get: (s: Row) => s.seed },
  { header: 'method', get: (s: Row) => s.method },
  { header: 'size', get: (s: Row) => s.size },
  { header: 'label', get: (s: Row) => s.label },
];

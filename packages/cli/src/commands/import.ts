// import subsets <csv…>: the original code's subset files, checked row by row against the dataset.
import { basename } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';

import { GenerateSubsetsDocument, type SubsetFieldsFragment } from '@distillery/client';
import type { Command } from 'commander';

import { printList } from '../output.ts';
import type { Register } from '../program.ts';
import { loadSplitData, membersToBase64, seedFromUuid } from '../subset-files.ts';
import { readTextFile } from '../resolve.ts';
import { SUBSET_COLUMNS } from './data.ts';
import { ml } from '../local-data.ts';

export const registerImportCommands: Register = (program: Command, action) => {
  const imp = program.command('import').description('import files of the original code');
  imp
    .command('subsets <csv...>')
    .description(
      'register subset_<p>_<uuid>.csv files (header filename,class; rows <dataset>/train/<class>/<file>,<class>_class) as subsets of a split',
    )
    .requiredOption('--split <id>', 'the split whose dataset the files name')
    .option('-q, --quiet', 'print only the subset ids')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery import subsets models/mnist/subsets/subset_06_*.csv --split $SPLIT',
    )
    .action(
      action(async (ctx, files: string[], o: { split: string; quiet?: boolean }) => {
        const client = ctx.client();
        const { dataset } = await loadSplitData(client, o.split, ctx.connection().token);
        const { parseSubsetFileName, readSubsetCsv } = await ml();
        const created: SubsetFieldsFragment[] = [];
        for (const file of files) {
          const { path, text } = readTextFile(ctx.io.cwd, file);
          const { p, uuid } = parseSubsetFileName(basename(path));
          let subset;
          try {
            subset = readSubsetCsv(text, dataset, { fileName: basename(path) });
          } catch (e) {
            throw new AppError(AppErrorCode.BAD_USER_INPUT, `${file}: ${(e as Error).message}`);
          }
          const { generateSubsets } = await client.request(GenerateSubsetsDocument, {
            input: {
              splitId: o.split,
              fractions: [p],
              seeds: [seedFromUuid(uuid)],
              method: 'BERNOULLI',
              membersBase64: [membersToBase64(subset.members)],
              labels: [uuid],
            },
          });
          created.push(...generateSubsets);
          if (!ctx.json && !o.quiet) ctx.io.err(`${file}: ${subset.members.length} samples, p = ${p}\n`);
        }
        if (o.quiet) ctx.io.out(created.map((s) => `${s.id}\n`).join(''));
        else printList(ctx.io, ctx.json, created, SUBSET_COLUMNS);
      }),
    );
};

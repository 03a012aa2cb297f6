// experiment launch <plan> (the whole grid in one transaction) and experiment show <id>.
import { ExperimentDocument, LaunchExperimentDocument } from '@distillery/client';
import { TEACHER_ORIGINS } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { parsePlan, planToInput } from '../plan.ts';
import { printObject } from '../output.ts';
import type { Register } from '../program.ts';
import { num, readTextFile } from '../resolve.ts';
import { cliName, pickName } from '../vocabulary.ts';
import { printRuns } from './training.ts';

const PLAN_EXAMPLE = `
Plan file (YAML or JSON):
  name: mnist-grid
  split: <split id>
  teacherArchitecture: test
  studentArchitecture: test
  fractions: [0.6, 1.0]
  teacherCounts: [2, 5]
  modes: [output_avg, mimic_all]
  alphas: [0, 0.5]
  repetitions: 2
  epochs: 1            # optional; also rules, ties, temperature, temperatureMode, includeBaselines
  teacherOrigin: snapshot   # optional; default independent (N teachers); snapshot/fge = N checkpoints of one run
  cycles: 5            # optional; snapshot/fge checkpoints per run, default max(teacherCounts)
  training:            # optional; left out = the method's way
    augment: false     # default true: dataset jitter + RandAugment
    epochBudget: per_subset   # default original
    patience: 5        # default the architecture's; 0 = no early stop
    restoreBest: always       # default on_early_stop

Examples:
  $ distillery experiment launch plan.yaml --dry-run
  $ distillery experiment launch plan.yaml -q
  $ distillery experiment launch plan.yaml --origin fge --cycles 6`;

/** The flags of `experiment launch` (commander's option names). */
interface ExperimentLaunchFlags {
  dryRun?: boolean;
  quiet?: boolean;
  origin?: string;
  cycles?: string;
}

export const registerExperimentCommands: Register = (program: Command, action) => {
  const experiment = program.command('experiment').description('launch and inspect experiment grids');
  experiment
    .command('launch <plan>')
    .description('validate a YAML/JSON plan (errors name the line) and launch the whole grid')
    .option('--dry-run', 'only validate and print the input that would be sent')
    .option('-q, --quiet', 'print only the experiment id')
    .option(
      '--origin <o>',
      `where the N members come from, overriding the plan's teacherOrigin: ${TEACHER_ORIGINS.map(cliName).join(', ')}`,
    )
    .option('--cycles <n>', "snapshot/FGE cycles (checkpoints) per teacher run, overriding the plan's cycles")
    .addHelpText('after', PLAN_EXAMPLE)
    .action(
      action(async (ctx, file: string, o: ExperimentLaunchFlags) => {
        const { text } = readTextFile(ctx.io.cwd, file);
        const result = parsePlan(text);
        if (!result.plan) {
          const lines = result.issues.map(
            (i) => `  ${file}:${i.line}:${i.col}: ${i.path ? `${i.path}: ` : ''}${i.message}`,
          );
          throw new AppError(
            AppErrorCode.BAD_USER_INPUT,
            `${file} is not a valid plan (${result.issues.length} problem${result.issues.length > 1 ? 's' : ''}):\n${lines.join('\n')}`,
          );
        }
        const input = planToInput(result.plan);
        if (o.origin !== undefined) input.teacherOrigin = pickName('--origin', TEACHER_ORIGINS, o.origin);
        if (o.cycles !== undefined) input.cycles = num('--cycles', o.cycles);
        if (o.dryRun) {
          printObject(ctx.io, true, input as unknown as Record<string, unknown>);
          return;
        }
        const { launchExperiment } = await ctx.client().request(LaunchExperimentDocument, { input });
        if (o.quiet) ctx.io.out(`${launchExperiment.experiment.id}\n`);
        else
          printObject(ctx.io, ctx.json, {
            experiment: launchExperiment.experiment.id,
            name: launchExperiment.experiment.name,
            runs: launchExperiment.runCount,
            jobs: launchExperiment.jobCount,
          });
      }),
    );
  experiment
    .command('show <id>')
    .description('the runs of an experiment')
    .action(
      action(async (ctx, id: string) => {
        const { experiment: e } = await ctx.client().request(ExperimentDocument, { id });
        if (!e) throw new AppError(AppErrorCode.NOT_FOUND, `experiment ${id} does not exist`);
        printRuns(ctx, e.runs);
      }),
    );
};

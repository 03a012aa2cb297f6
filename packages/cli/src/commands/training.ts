// teachers train|list, baseline, distill, ensemble evaluate|show: each creates runs whose jobs the
// runners pick up; `-q` prints the run ids so a shell can pass them on (e.g. to `runs watch`).
import {
  DistillStudentDocument,
  EnsembleDocument,
  EvaluateEnsembleDocument,
  RunDocument,
  SplitDocument,
  TeachersDocument,
  TrainBaselineDocument,
  TrainTeachersDocument,
  type RunFieldsFragment,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import { DISTILL_MODES, TEACHER_ORIGINS, TEMPERATURE_MODES, TIE_CONVENTIONS } from '@distillery/domain';
import type { Command } from 'commander';

import type { CliContext } from '../context.ts';
import { printList } from '../output.ts';
import type { Register } from '../program.ts';
import { idList, intList, num } from '../resolve.ts';
import { addTrainingFlags, trainingInput, type TrainingFlags } from '../training-flags.ts';
import { cliName, pickName, pickRules, ruleName } from '../vocabulary.ts';

/** Columns of run listings. */
export const RUN_COLUMNS = [
  { header: 'id', get: (r: RunFieldsFragment) => r.id },
  { header: 'kind', get: (r: RunFieldsFragment) => r.kind },
  { header: 'name', get: (r: RunFieldsFragment) => r.name },
  { header: 'status', get: (r: RunFieldsFragment) => r.status },
  {
    header: 'test_accuracy',
    get: (r: RunFieldsFragment) => (r.summary as Record<string, unknown> | null)?.test_accuracy,
  },
  { header: 'created', get: (r: RunFieldsFragment) => r.createdAt },
];

/** Print runs as a table, JSON, or ids only. */
export function printRuns(ctx: CliContext, runs: readonly RunFieldsFragment[], quiet?: boolean): void {
  if (quiet) ctx.io.out(runs.map((r) => `${r.id}\n`).join(''));
  else printList(ctx.io, ctx.json, runs, RUN_COLUMNS);
}

/** Teacher ids from teacher or teacher-run ids (what `teachers train -q` prints). */
export async function resolveTeacherIds(ctx: CliContext, ids: string[]): Promise<string[]> {
  if (ids.length === 0)
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      '--teachers needs at least one teacher (or teacher run) id',
    );
  const { teachers } = await ctx
    .client()
    .request(TeachersDocument, { projectId: await ctx.projectId(), first: 1000 });
  return ids.map((id) => {
    const t = teachers.find((x) => x.id === id || x.runId === id);
    if (!t) throw new AppError(AppErrorCode.NOT_FOUND, `no teacher or teacher run ${id} in the project`);
    return t.id;
  });
}

/** `--teachers` (teacher or teacher-run ids) or `--checkpoints` (checkpoint ids), exactly one of them. */
async function memberInput(
  ctx: CliContext,
  o: { teachers?: string[]; checkpoints?: string[] },
): Promise<{ teacherIds: string[] } | { checkpointIds: string[] }> {
  if (!o.teachers === !o.checkpoints)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'pass either --teachers or --checkpoints');
  if (o.checkpoints) {
    const checkpointIds = idList(o.checkpoints);
    if (checkpointIds.length === 0)
      throw new AppError(AppErrorCode.BAD_USER_INPUT, '--checkpoints needs at least one checkpoint id');
    return { checkpointIds };
  }
  return { teacherIds: await resolveTeacherIds(ctx, idList(o.teachers)) };
}

export const registerTrainingCommands: Register = (program: Command, action) => {
  const teachers = program.command('teachers').description('train and list teachers');
  addTrainingFlags(teachers.command('train <split>'))
    .description(
      'train one teacher per subset (by id, or every subset of fraction p), or one per seed on the whole split',
    )
    .option('--fraction <p>', 'use every subset of the split with this fraction')
    .option('--subsets <ids...>', 'subset ids')
    .option('--seeds <n,…|a-b>', 'no subsets: one teacher per seed on the whole training split')
    .requiredOption(
      '--arch <key>',
      'architecture key (see the architectures query), e.g. test, small-cnn, resnet_small',
    )
    .option('--epochs <n>', 'epochs (default: the architecture’s)')
    .option('--origin <o>', 'independent, snapshot or fge', 'independent')
    .option('--cycles <n>', 'snapshot/FGE cycles per run', '1')
    .option('--tag <tags...>', 'tags on every run')
    .option('-q, --quiet', 'print only the run ids')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery teachers train $SPLIT --fraction 0.6 --arch test --epochs 1\n  $ distillery teachers train $SPLIT --seeds 1-3 --arch small-cnn --origin snapshot --cycles 4',
    )
    .action(
      action(
        async (
          ctx,
          split: string,
          o: {
            fraction?: string;
            subsets?: string[];
            seeds?: string;
            arch: string;
            epochs?: string;
            origin: string;
            cycles: string;
            tag?: string[];
            quiet?: boolean;
          } & TrainingFlags,
        ) => {
          const training = trainingInput(o);
          let subsetIds = idList(o.subsets);
          if (o.fraction !== undefined) {
            const p = num('--fraction', o.fraction);
            const { split: s } = await ctx.client().request(SplitDocument, { id: split });
            if (!s) throw new AppError(AppErrorCode.NOT_FOUND, `split ${split} does not exist`);
            subsetIds = s.subsets.filter((x) => Math.abs(x.fraction - p) < 1e-9).map((x) => x.id);
            if (subsetIds.length === 0)
              throw new AppError(
                AppErrorCode.NOT_FOUND,
                `split ${split} has no subsets with p = ${p} (make them with \`distillery subsets\`)`,
              );
          }
          const seeds = o.seeds ? intList('--seeds', o.seeds) : undefined;
          if (subsetIds.length === 0 && !seeds)
            throw new AppError(AppErrorCode.BAD_USER_INPUT, 'pass --fraction, --subsets or --seeds');
          const { trainTeachers } = await ctx.client().request(TrainTeachersDocument, {
            input: {
              splitId: split,
              architectureKey: o.arch,
              origin: pickName('--origin', TEACHER_ORIGINS, o.origin),
              cycles: intList('--cycles', o.cycles)[0]!,
              ...(subsetIds.length ? { subsetIds } : {}),
              ...(seeds ? { seeds } : {}),
              ...(o.epochs ? { epochs: intList('--epochs', o.epochs)[0]! } : {}),
              ...(training ? { training } : {}),
              ...(o.tag ? { tags: o.tag } : {}),
            },
          });
          printRuns(ctx, trainTeachers, o.quiet);
        },
      ),
    );
  teachers
    .command('list')
    .description('teachers of the project with their run status and accuracy')
    .action(
      action(async (ctx) => {
        const { teachers: rows } = await ctx
          .client()
          .request(TeachersDocument, { projectId: await ctx.projectId(), first: 1000 });
        printList(ctx.io, ctx.json, rows, [
          { header: 'teacher', get: (t) => t.id },
          { header: 'run', get: (t) => t.runId },
          { header: 'arch', get: (t) => t.architectureKey },
          { header: 'p', get: (t) => t.fraction },
          { header: 'origin', get: (t) => t.origin },
          { header: 'status', get: (t) => t.run.status },
          { header: 'test_accuracy', get: (t) => (t.run.summary as Record<string, unknown>).test_accuracy },
        ]);
      }),
    );

  addTrainingFlags(program.command('baseline <split>'))
    .description('train the student architecture on labels only (the baseline row of the tables)')
    .requiredOption('--arch <key>', 'architecture key')
    .option('--epochs <n>', 'epochs')
    .option('--seed <n>', 'seed', '0')
    .option('-q, --quiet', 'print only the run id')
    .action(
      action(
        async (
          ctx,
          split: string,
          o: { arch: string; epochs?: string; seed: string; quiet?: boolean } & TrainingFlags,
        ) => {
          const training = trainingInput(o);
          const { trainBaseline } = await ctx.client().request(TrainBaselineDocument, {
            input: {
              splitId: split,
              architectureKey: o.arch,
              seed: intList('--seed', o.seed)[0]!,
              ...(o.epochs ? { epochs: intList('--epochs', o.epochs)[0]! } : {}),
              ...(training ? { training } : {}),
            },
          });
          printRuns(ctx, [trainBaseline], o.quiet);
        },
      ),
    );

  addTrainingFlags(program.command('distill'))
    .description('distil one student from N teachers, or from N checkpoints (e.g. the snapshots of one run)')
    .option('--teachers <ids...>', 'teacher ids or teacher run ids (in head order; their FINAL weights)')
    .option(
      '--checkpoints <ids...>',
      'teacher checkpoint ids instead of --teachers (snapshot/FGE cycles, in head order)',
    )
    .requiredOption('--mode <mode>', `one of ${DISTILL_MODES.map(cliName).join(', ')}`)
    .requiredOption('--arch <key>', 'student architecture key')
    .option('--alpha <a>', 'weight of the hard-label loss in [0, 1]', '0.5')
    .option('--temperature <t>', 'softmax temperature', '1')
    .option('--temperature-mode <m>', 'as_original or hinton (T² scaling)', 'as_original')
    .option('--epochs <n>', 'epochs')
    .option('--seed <n>', 'seed', '0')
    .option('-q, --quiet', 'print only the run id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery distill --teachers $TEACHERS --mode mimic_all --alpha 0.5 --arch test --epochs 1\n  $ distillery distill --checkpoints $SNAPSHOTS --mode output_avg --alpha 0.5 --arch test --no-augment',
    )
    .action(
      action(
        async (
          ctx,
          o: {
            teachers?: string[];
            checkpoints?: string[];
            mode: string;
            arch: string;
            alpha: string;
            temperature: string;
            temperatureMode: string;
            epochs?: string;
            seed: string;
            quiet?: boolean;
          } & TrainingFlags,
        ) => {
          const members = await memberInput(ctx, o);
          const training = trainingInput(o);
          const { distillStudent } = await ctx.client().request(DistillStudentDocument, {
            input: {
              ...members,
              ...(training ? { training } : {}),
              mode: pickName('--mode', DISTILL_MODES, o.mode),
              architectureKey: o.arch,
              alpha: num('--alpha', o.alpha),
              temperature: num('--temperature', o.temperature),
              temperatureMode: pickName('--temperature-mode', TEMPERATURE_MODES, o.temperatureMode),
              seed: intList('--seed', o.seed)[0]!,
              ...(o.epochs ? { epochs: intList('--epochs', o.epochs)[0]! } : {}),
            },
          });
          printRuns(ctx, [distillStudent], o.quiet);
        },
      ),
    );

  const ensemble = program
    .command('ensemble')
    .description('evaluate ensembles of teachers with fusion rules');
  ensemble
    .command('evaluate')
    .description('fuse the teachers’ predictions with each rule and score them (prints the evaluation run)')
    .option('--teachers <ids...>', 'teacher ids or teacher run ids (their FINAL checkpoints)')
    .option('--checkpoints <ids...>', 'teacher checkpoint ids instead of --teachers (snapshot/FGE cycles)')
    .option('--rules <r,…>', 'fusion rules, e.g. mean,plurality,borda', 'mean')
    .option(
      '--ties <t>',
      `${TIE_CONVENTIONS.map(cliName).join(' or ')}: how the rules break ties (original = the original voting code's answers)`,
      'principled',
    )
    .option('--name <name>', 'ensemble name', 'ensemble')
    .option('-q, --quiet', 'print only the evaluation run id')
    .action(
      action(
        async (
          ctx,
          o: {
            teachers?: string[];
            checkpoints?: string[];
            rules: string;
            ties: string;
            name: string;
            quiet?: boolean;
          },
        ) => {
          const { evaluateEnsemble: e } = await ctx.client().request(EvaluateEnsembleDocument, {
            input: {
              name: o.name,
              ...(await memberInput(ctx, o)),
              rules: pickRules('--rules', o.rules),
              ties: pickName('--ties', TIE_CONVENTIONS, o.ties),
            },
          });
          if (o.quiet) ctx.io.out(`${e.runId ?? e.id}\n`);
          else
            printList(
              ctx.io,
              ctx.json,
              [{ ...e, rules: e.rules.map(ruleName) }],
              [
                { header: 'ensemble', get: (x) => x.id },
                { header: 'run', get: (x) => x.runId },
                { header: 'name', get: (x) => x.name },
                { header: 'rules', get: (x) => x.rules },
                { header: 'ties', get: (x) => x.ties },
              ],
            );
        },
      ),
    );
  ensemble
    .command('show <id>')
    .description('accuracy, NLL and ECE of each fusion rule (ensemble id or its evaluation run id)')
    .action(
      action(async (ctx, id: string) => {
        // `ensemble evaluate -q` prints the evaluation run id; accept it as well as the ensemble id.
        const { run } = await ctx.client().request(RunDocument, { id });
        const { ensemble: e } = await ctx.client().request(EnsembleDocument, { id: run?.ensemble?.id ?? id });
        if (!e) throw new AppError(AppErrorCode.NOT_FOUND, `ensemble ${id} does not exist`);
        // Rules by the ML core's names (as the original's results and --rules write them), in JSON too.
        const results = e.results.map((r) => ({ ...r, rule: ruleName(r.rule) }));
        printList(ctx.io, ctx.json, results, [
          { header: 'rule', get: (r) => r.rule },
          { header: 'split', get: (r) => r.splitRole },
          { header: 'accuracy', get: (r) => r.accuracy },
          { header: 'nll', get: (r) => r.nll },
          { header: 'ece', get: (r) => r.ece },
        ]);
      }),
    );
};

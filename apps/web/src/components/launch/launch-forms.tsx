'use client';
import {
  CreateSplitDocument,
  DistillStudentDocument,
  EvaluateEnsembleDocument,
  GenerateSubsetsDocument,
  LaunchExperimentDocument,
  type LaunchOptionsQuery,
  RegisterDatasetDocument,
  TrainBaselineDocument,
  TrainTeachersDocument,
} from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { OPTIONS, ruleValue } from '../../lib/vocabulary.ts';
import { numberList } from './form-helpers.ts';
import { type FieldSpec, SpecForm } from './spec-form.tsx';

const fraction = numberList((n) => (n > 0 && n <= 1 ? null : 'must be in (0, 1]'));
const ints = numberList((n) => (Number.isInteger(n) ? null : 'must be an integer'));
const unit = numberList((n) => (n >= 0 && n <= 1 ? null : 'must be in [0, 1]'));
const int = (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`"${raw}" is not an integer`);
  return n;
};
const strings = (raw: string) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export type LaunchTab =
  'dataset' | 'split' | 'subsets' | 'teachers' | 'distill' | 'baseline' | 'ensemble' | 'experiment';

/** The form for one launch tab, with choices from the project's datasets, splits, teachers and architectures. */
export function LaunchForm({
  tab,
  projectId,
  options,
  onLaunched,
}: {
  tab: LaunchTab;
  projectId: string;
  options: LaunchOptionsQuery;
  onLaunched: () => void;
}) {
  const registerDataset = useGqlMutation(RegisterDatasetDocument);
  const createSplit = useGqlMutation(CreateSplitDocument);
  const generateSubsets = useGqlMutation(GenerateSubsetsDocument);
  const trainTeachers = useGqlMutation(TrainTeachersDocument);
  const distillStudent = useGqlMutation(DistillStudentDocument);
  const trainBaseline = useGqlMutation(TrainBaselineDocument);
  const evaluateEnsemble = useGqlMutation(EvaluateEnsembleDocument);
  const launchExperiment = useGqlMutation(LaunchExperimentDocument);

  const datasets = options.project?.datasets ?? [];
  const splits = datasets.flatMap((d) =>
    d.splits.map((s) => ({ value: s.id, label: `${d.name} · split seed ${s.seed} (val ${s.valFraction})` })),
  );
  const subsets = datasets.flatMap((d) =>
    d.splits.flatMap((s) =>
      s.subsets.map((x) => ({ value: x.id, label: `${d.name} · p=${x.fraction} seed ${x.seed}` })),
    ),
  );
  const archs = options.architectures.map((a) => ({ value: a.key, label: `${a.name} (${a.key})` }));
  const teachers = options.teachers.map((t) => ({
    value: t.id,
    label: `${t.run.name} · p=${t.fraction} · ${t.run.status.toLowerCase()}`,
  }));
  const first = (o: readonly { value: string }[]) => o[0]?.value ?? '';
  const done = (msg: string) => {
    onLaunched();
    return msg;
  };
  const splitField: FieldSpec = {
    name: 'splitId',
    label: 'Split',
    kind: 'select',
    options: splits,
    initial: first(splits),
  };
  const archField = (label: string): FieldSpec => ({
    name: 'architectureKey',
    label,
    kind: 'select',
    options: archs,
    initial: first(archs),
  });
  const seedField: FieldSpec = { name: 'seed', label: 'Seed', parse: int, initial: '0' };
  const epochsField: FieldSpec = { name: 'epochs', label: 'Epochs', parse: int, optional: true };

  switch (tab) {
    case 'dataset':
      return (
        <SpecForm
          title="Register a dataset"
          submitLabel="Register"
          fields={[
            { name: 'name', label: 'Name' },
            {
              name: 'preset',
              label: 'Preset',
              kind: 'select',
              options: OPTIONS.presets,
              optional: true,
              hint: 'Fills shape, classes and counts.',
            },
            { name: 'contentHash', label: 'Content hash (SHA-256 of samples and labels)' },
            {
              name: 'source',
              label: 'Source',
              kind: 'select',
              options: OPTIONS.sources,
              optional: true,
            },
            { name: 'sourceUri', label: 'Source URI', optional: true },
            { name: 'classNames', label: 'Class names (comma separated)', optional: true, parse: strings },
            { name: 'height', label: 'Height', optional: true, parse: int },
            { name: 'width', label: 'Width', optional: true, parse: int },
            { name: 'channels', label: 'Channels', optional: true, parse: int },
            { name: 'trainCount', label: 'Training samples', optional: true, parse: int },
            { name: 'testCount', label: 'Test samples', optional: true, parse: int },
          ]}
          onSubmit={async (input) =>
            done(
              `Registered ${(await registerDataset.mutate({ input: { ...input, projectId } as never })).registerDataset.name}`,
            )
          }
        />
      );
    case 'split':
      return (
        <SpecForm
          title="Split train / validation"
          submitLabel="Create split"
          fields={[
            {
              name: 'datasetId',
              label: 'Dataset',
              kind: 'select',
              options: datasets.map((d) => ({ value: d.id, label: d.name })),
              initial: datasets[0]?.id ?? '',
            },
            seedField,
            { name: 'valFraction', label: 'Validation fraction', kind: 'number', initial: '0.2' },
            {
              name: 'testFraction',
              label: 'Test fraction (0 = use the dataset test set)',
              kind: 'number',
              initial: '0',
            },
            {
              name: 'method',
              label: 'Method',
              kind: 'select',
              options: OPTIONS.splitMethods,
              initial: 'BERNOULLI',
            },
          ]}
          onSubmit={async (input) =>
            done(
              `Split ${(await createSplit.mutate({ input: input as never })).createSplit.id.slice(0, 8)} created`,
            )
          }
        />
      );
    case 'subsets':
      return (
        <SpecForm
          title="Generate training subsets"
          submitLabel="Generate"
          fields={[
            splitField,
            { name: 'fractions', label: 'Fractions p', parse: fraction, initial: '0.6, 0.7, 0.8, 0.9, 1' },
            { name: 'seeds', label: 'Seeds', parse: ints, initial: '0, 1, 2, 3, 4' },
            {
              name: 'method',
              label: 'Method',
              kind: 'select',
              options: OPTIONS.subsetMethods,
              initial: 'BERNOULLI',
            },
          ]}
          onSubmit={async (input) =>
            done(
              `${(await generateSubsets.mutate({ input: input as never })).generateSubsets.length} subsets generated`,
            )
          }
        />
      );
    case 'teachers':
      return (
        <SpecForm
          title="Train teachers"
          submitLabel="Queue teachers"
          fields={[
            splitField,
            archField('Architecture'),
            {
              name: 'subsetIds',
              label: 'Subsets (one teacher each)',
              kind: 'multi',
              options: subsets,
              optional: true,
            },
            {
              name: 'seeds',
              label: 'Seeds (one teacher each, when no subsets)',
              parse: ints,
              optional: true,
            },
            {
              name: 'origin',
              label: 'Origin',
              kind: 'select',
              options: OPTIONS.origins,
              initial: 'INDEPENDENT',
            },
            { name: 'cycles', label: 'Cycles (snapshot / FGE)', parse: int, initial: '1' },
            { name: 'epochs', label: 'Epochs (architecture default when empty)', parse: int, optional: true },
            { name: 'tags', label: 'Tags', parse: strings, optional: true },
          ]}
          onSubmit={async (input) =>
            done(
              `${(await trainTeachers.mutate({ input: input as never })).trainTeachers.length} teacher runs queued`,
            )
          }
        />
      );
    case 'distill':
      return (
        <SpecForm
          title="Distill a student"
          submitLabel="Queue student"
          fields={[
            { name: 'teacherIds', label: 'Teachers', kind: 'multi', options: teachers },
            archField('Student architecture'),
            { name: 'mode', label: 'Mode', kind: 'select', options: OPTIONS.modes, initial: 'MIMIC_ALL' },
            { name: 'alpha', label: 'α (weight of the hard-label loss)', kind: 'number', initial: '0.25' },
            { name: 'temperature', label: 'Temperature', kind: 'number', initial: '1' },
            {
              name: 'temperatureMode',
              label: 'Temperature mode',
              kind: 'select',
              options: OPTIONS.temperatureModes,
              initial: 'AS_ORIGINAL',
            },
            seedField,
            epochsField,
          ]}
          onSubmit={async (input) =>
            done(`Queued ${(await distillStudent.mutate({ input: input as never })).distillStudent.name}`)
          }
        />
      );
    case 'baseline':
      return (
        <SpecForm
          title="Train a baseline (no distillation)"
          submitLabel="Queue baseline"
          fields={[splitField, archField('Architecture'), seedField, epochsField]}
          onSubmit={async (input) =>
            done(`Queued ${(await trainBaseline.mutate({ input: input as never })).trainBaseline.name}`)
          }
        />
      );
    case 'ensemble':
      return (
        <SpecForm
          title="Evaluate an ensemble"
          submitLabel="Queue evaluation"
          fields={[
            { name: 'name', label: 'Name' },
            { name: 'teacherIds', label: 'Members (teachers)', kind: 'multi', options: teachers },
            {
              name: 'rules',
              label: 'Fusion rules',
              kind: 'multi',
              options: OPTIONS.rules,
              initial: [ruleValue('mean'), ruleValue('borda'), ruleValue('plurality')],
            },
            {
              name: 'weights',
              label: 'Weights (optional, one per member)',
              parse: numberList(),
              optional: true,
            },
          ]}
          onSubmit={async (input) =>
            done(
              `Queued ensemble ${(await evaluateEnsemble.mutate({ input: input as never })).evaluateEnsemble.name}`,
            )
          }
        />
      );
    case 'experiment':
      return (
        <SpecForm
          title="Launch the experiment grid (N teachers × p × mode × α × repetitions)"
          submitLabel="Launch grid"
          fields={[
            { name: 'name', label: 'Name' },
            splitField,
            {
              name: 'teacherArchitecture',
              label: 'Teacher architecture',
              kind: 'select',
              options: archs,
              initial: first(archs),
            },
            {
              name: 'studentArchitecture',
              label: 'Student architecture',
              kind: 'select',
              options: archs,
              initial: first(archs),
            },
            { name: 'teacherCounts', label: 'Numbers of teachers N', parse: ints, initial: '2, 3, 4, 5' },
            { name: 'fractions', label: 'Fractions p', parse: fraction, initial: '0.6, 0.7, 0.8, 0.9, 1' },
            {
              name: 'modes',
              label: 'Modes',
              kind: 'multi',
              options: OPTIONS.modes,
              initial: ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL'],
            },
            { name: 'alphas', label: 'α values', parse: unit, initial: '0, 0.25, 0.5, 0.75' },
            { name: 'repetitions', label: 'Repetitions', parse: int, initial: '1' },
            {
              name: 'rules',
              label: 'Ensemble rules',
              kind: 'multi',
              options: OPTIONS.rules,
              initial: [ruleValue('mean')],
            },
            { name: 'temperature', label: 'Temperature', kind: 'number', initial: '1' },
            {
              name: 'temperatureMode',
              label: 'Temperature mode',
              kind: 'select',
              options: OPTIONS.temperatureModes,
              initial: 'AS_ORIGINAL',
            },
            { name: 'includeBaselines', label: 'Also train baselines', kind: 'checkbox', initial: true },
            epochsField,
          ]}
          onSubmit={async (input) => {
            const r = (await launchExperiment.mutate({ input: input as never })).launchExperiment;
            return done(`Experiment ${r.experiment.name}: ${r.runCount} runs, ${r.jobCount} jobs queued`);
          }}
        />
      );
  }
}

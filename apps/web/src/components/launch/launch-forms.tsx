'use client';
import {
  DistillMode,
  SplitMethod,
  SubsetMethod,
  TeacherOrigin,
  TemperatureMode,
} from '@distillery/graphql-schema/enums';

import {
  CreateSplitDocument,
  DistillStudentDocument,
  EvaluateEnsembleDocument,
  GenerateSubsetsDocument,
  type LaunchOptionsQuery,
  TrainBaselineDocument,
  TrainTeachersDocument,
} from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { OPTIONS, ruleValue } from '../../lib/vocabulary.ts';
import { DatasetForm } from './dataset-form.tsx';
import { ExperimentForm } from './experiment-form.tsx';
import { uniqueLabels, type Values } from './field-spec.ts';
import { numberList } from './form-helpers.ts';
import {
  archField,
  fraction,
  int,
  ints,
  launchChoices,
  splitField,
  strings,
  subsetsField,
  tiesField,
  TRAINING_FIELDS,
} from './launch-fields.ts';
import { type Done, type FieldSpec, SpecForm } from './spec-form.tsx';

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
  const createSplit = useGqlMutation(CreateSplitDocument);
  const generateSubsets = useGqlMutation(GenerateSubsetsDocument);
  const trainTeachers = useGqlMutation(TrainTeachersDocument);
  const distillStudent = useGqlMutation(DistillStudentDocument);
  const trainBaseline = useGqlMutation(TrainBaselineDocument);
  const evaluateEnsemble = useGqlMutation(EvaluateEnsembleDocument);

  const { datasets, splits, subsetsBySplit, archs } = launchChoices(options);
  const teachers = uniqueLabels(
    options.teachers.map((t) => ({
      value: t.id,
      label: `${t.run.name} · p=${t.fraction} · ${t.run.status.toLowerCase()}`,
    })),
  );
  const runLink = (id: string, label = 'Open the run →') => ({ href: `/p/${projectId}/runs/${id}`, label });
  const queued = (message: string, ids: readonly string[]): Done => {
    onLaunched();
    return {
      message,
      links: ids.slice(0, 5).map((id, i) => runLink(id, ids.length > 1 ? `run ${i + 1}` : undefined)),
    };
  };
  const seedField: FieldSpec = { name: 'seed', label: 'Seed', parse: int, initial: '0' };
  const epochsField: FieldSpec = {
    name: 'epochs',
    label: 'Epochs (architecture default when empty)',
    parse: int,
    optional: true,
  };
  const splitMethods = (v: Values) => {
    const allowed = datasets.find((d) => d.id === (v.datasetId || datasets[0]?.id))?.splitMethods ?? [];
    return OPTIONS.splitMethods.filter((o) => allowed.includes(o.value as SplitMethod));
  };

  switch (tab) {
    case 'dataset':
      return <DatasetForm projectId={projectId} onLaunched={onLaunched} />;
    case 'experiment':
      return <ExperimentForm projectId={projectId} options={options} onLaunched={onLaunched} />;
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
              name: 'useFraction',
              label: 'Share of the training samples to use (a compute budget)',
              kind: 'number',
              initial: '1',
            },
            {
              name: 'method',
              label: 'Method (those this dataset supports)',
              kind: 'select',
              options: splitMethods,
              initial: SplitMethod.Bernoulli,
            },
          ]}
          onSubmit={async (input) => {
            const s = (await createSplit.mutate({ input: input as never })).createSplit;
            onLaunched();
            return `Split ${s.id.slice(0, 8)} created. Next: subsets or teachers.`;
          }}
        />
      );
    case 'subsets':
      return (
        <SpecForm
          title="Generate training subsets"
          submitLabel="Generate"
          fields={[
            splitField(splits),
            { name: 'fractions', label: 'Fractions p', parse: fraction, initial: '0.8' },
            { name: 'seeds', label: 'Seeds', parse: ints, initial: '0, 1' },
            {
              name: 'method',
              label: 'Method',
              kind: 'select',
              options: OPTIONS.subsetMethods,
              initial: SubsetMethod.Bernoulli,
            },
          ]}
          onSubmit={async (input) => {
            const n = (await generateSubsets.mutate({ input: input as never })).generateSubsets.length;
            onLaunched();
            return `${n} subsets generated.`;
          }}
        />
      );
    case 'teachers':
      return (
        <SpecForm
          title="Train teachers"
          submitLabel="Queue teachers"
          fields={[
            splitField(splits),
            archField('architectureKey', 'Architecture', archs),
            subsetsField(subsetsBySplit, splits),
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
              initial: TeacherOrigin.Independent,
            },
            { name: 'cycles', label: 'Cycles (snapshot / FGE)', parse: int, initial: '1' },
            epochsField,
            { name: 'tags', label: 'Tags', parse: strings, optional: true },
            ...TRAINING_FIELDS,
          ]}
          onSubmit={async (input) => {
            const runs = (await trainTeachers.mutate({ input: input as never })).trainTeachers;
            return queued(
              `${runs.length} teacher runs queued.`,
              runs.map((r) => r.id),
            );
          }}
        />
      );
    case 'distill':
      return (
        <SpecForm
          title="Distill a student"
          submitLabel="Queue student"
          fields={[
            { name: 'teacherIds', label: 'Teachers', kind: 'multi', options: teachers },
            archField('architectureKey', 'Student architecture', archs),
            {
              name: 'mode',
              label: 'Mode',
              kind: 'select',
              options: OPTIONS.modes,
              initial: DistillMode.MimicAll,
            },
            { name: 'alpha', label: 'α (weight of the hard-label loss)', kind: 'number', initial: '0.5' },
            { name: 'temperature', label: 'Temperature', kind: 'number', initial: '1' },
            {
              name: 'temperatureMode',
              label: 'Temperature mode',
              kind: 'select',
              options: OPTIONS.temperatureModes,
              initial: TemperatureMode.AsOriginal,
            },
            seedField,
            epochsField,
            ...TRAINING_FIELDS,
          ]}
          onSubmit={async (input) => {
            const run = (await distillStudent.mutate({ input: input as never })).distillStudent;
            return queued(`Queued ${run.name}.`, [run.id]);
          }}
        />
      );
    case 'baseline':
      return (
        <SpecForm
          title="Train a baseline (no distillation)"
          submitLabel="Queue baseline"
          fields={[
            splitField(splits),
            archField('architectureKey', 'Architecture', archs),
            seedField,
            epochsField,
            ...TRAINING_FIELDS,
          ]}
          onSubmit={async (input) => {
            const run = (await trainBaseline.mutate({ input: input as never })).trainBaseline;
            return queued(`Queued ${run.name}.`, [run.id]);
          }}
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
            tiesField,
            {
              name: 'weights',
              label: 'Weights (optional, one per member)',
              parse: numberList(),
              optional: true,
            },
          ]}
          onSubmit={async (input) => {
            const e = (await evaluateEnsemble.mutate({ input: input as never })).evaluateEnsemble;
            return queued(`Queued ensemble ${e.name}.`, e.runId ? [e.runId] : []);
          }}
        />
      );
  }
}

'use client';
import { gridCounts, type GridShape } from '@distillery/domain';
import { DistillMode, TeacherOrigin, TemperatureMode } from '@distillery/graphql-schema/enums';

import {
  LaunchExperimentDocument,
  type LaunchOptionsQuery,
  QueuedExperimentDocument,
} from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { OPTIONS, ruleValue } from '../../lib/vocabulary.ts';
import {
  archField,
  fraction,
  int,
  ints,
  launchChoices,
  splitField,
  tiesField,
  TRAINING_FIELDS,
  unit,
} from './launch-fields.ts';
import { CONFIRM_ABOVE_RUNS, GridPreview } from './grid-preview.tsx';
import { SpecForm } from './spec-form.tsx';

/** The experiment grid form: small defaults, a live run count, a confirmation for large grids, a link after. */
export function ExperimentForm({
  projectId,
  options,
  onLaunched,
}: {
  projectId: string;
  options: LaunchOptionsQuery;
  onLaunched: () => void;
}) {
  const launchExperiment = useGqlMutation(LaunchExperimentDocument);
  const { splits, archs } = launchChoices(options);
  return (
    <SpecForm
      title="Launch the experiment grid (N teachers × p × mode × α × repetitions)"
      submitLabel="Launch grid"
      fields={[
        { name: 'name', label: 'Name', hint: 'Names the experiment in results and the runs table.' },
        splitField(splits),
        archField('teacherArchitecture', 'Teacher architecture', archs),
        archField('studentArchitecture', 'Student architecture', archs),
        { name: 'teacherCounts', label: 'Numbers of teachers N', parse: ints, initial: '2' },
        { name: 'fractions', label: 'Fractions p', parse: fraction, initial: '0.8, 1' },
        {
          name: 'modes',
          label: 'Modes',
          kind: 'multi',
          options: OPTIONS.modes,
          initial: [DistillMode.MimicAll],
        },
        { name: 'alphas', label: 'α values', parse: unit, initial: '0.5' },
        { name: 'repetitions', label: 'Repetitions', parse: int, initial: '1' },
        {
          name: 'rules',
          label: 'Ensemble rules',
          kind: 'multi',
          options: OPTIONS.rules,
          initial: [ruleValue('mean')],
        },
        tiesField,
        { name: 'temperature', label: 'Temperature', kind: 'number', initial: '1' },
        {
          name: 'temperatureMode',
          label: 'Temperature mode',
          kind: 'select',
          options: OPTIONS.temperatureModes,
          initial: TemperatureMode.AsOriginal,
        },
        { name: 'includeBaselines', label: 'Also train baselines', kind: 'checkbox', initial: true },
        { name: 'epochs', label: 'Epochs (architecture default when empty)', parse: int, optional: true },
        {
          name: 'teacherOrigin',
          label: 'Teacher origin',
          kind: 'select',
          options: OPTIONS.origins,
          initial: TeacherOrigin.Independent,
          hint: 'Snapshot / FGE: one teacher run per repetition and p; its first N checkpoints are the members, at equal training cost (cycles × epochs).',
        },
        { name: 'cycles', label: 'Cycles (snapshot / FGE; default max N)', parse: int, optional: true },
        ...TRAINING_FIELDS,
      ]}
      preview={(input) => <GridPreview grid={input as GridShape | null} />}
      confirm={(input) => {
        const total = gridCounts(input as unknown as GridShape).total;
        const n = total.toLocaleString('en');
        return total > CONFIRM_ABOVE_RUNS
          ? { question: `Queue all ${n} runs? Nothing is queued until you confirm.`, yes: `Queue ${n} runs` }
          : null;
      }}
      onSubmit={async (input) => {
        const r = (await launchExperiment.mutate({ input: input as never })).launchExperiment;
        onLaunched();
        const q = await browserClient().send(QueuedExperimentDocument, {
          projectId,
          experimentId: r.experiment.id,
        });
        const plan = q.plan.edges[0]?.node;
        return {
          message: `Experiment ${r.experiment.name}: ${r.runCount} runs queued.`,
          links: plan ? [{ href: `/p/${projectId}/runs/${plan.id}`, label: 'Open the experiment →' }] : [],
        };
      }}
    />
  );
}

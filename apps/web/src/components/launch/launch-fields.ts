// Parsers and fields the launch forms share: architectures (small ones first), the split picker, the
// subsets of the chosen split, and how runs train (TrainingOptionsInput). Every choice list comes from
// the schema's enums (lib/vocabulary.ts) or from the project's own records.
import { FusionTieConvention } from '@distillery/graphql-schema/enums';

import type { LaunchOptionsQuery } from '../../graphql/generated/graphql.ts';
import { OPTIONS } from '../../lib/vocabulary.ts';
import { type Choice, type FieldSpec, uniqueLabels, type Values } from './field-spec.ts';
import { numberList } from './form-helpers.ts';

export const fraction = numberList((n) => (n > 0 && n <= 1 ? null : 'must be in (0, 1]'));
export const ints = numberList((n) => (Number.isInteger(n) ? null : 'must be an integer'));
export const unit = numberList((n) => (n >= 0 && n <= 1 ? null : 'must be in [0, 1]'));

/** An integer, or a message naming the text. */
export function int(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`"${raw}" is not an integer`);
  return n;
}

/** Comma-separated words. */
export function strings(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The architectures a first launch should default to: they train in seconds on a CPU. */
const SMALL_FIRST = ['test', 'small-cnn'];

/** The project's datasets, splits and subsets as the forms offer them. */
export function launchChoices(options: LaunchOptionsQuery) {
  const datasets = options.project?.datasets ?? [];
  const splits = uniqueLabels(
    datasets.flatMap((d) =>
      d.splits.map((s) => ({
        value: s.id,
        label: `${d.name} · split seed ${s.seed} · ${s.method.toLowerCase()} (val ${s.valFraction}, ${s.trainCount.toLocaleString('en')} train)`,
      })),
    ),
  );
  const subsetsBySplit = new Map<string, Choice[]>(
    datasets.flatMap((d) =>
      d.splits.map((s) => [
        s.id,
        uniqueLabels(
          [...s.subsets]
            .sort((a, b) => a.fraction - b.fraction || a.seed - b.seed)
            .map((x) => ({
              value: x.id,
              label: `p=${x.fraction} · seed ${x.seed} · ${x.method.toLowerCase()} (${x.size.toLocaleString('en')} samples)`,
            })),
        ),
      ]),
    ),
  );
  const archs = [...options.architectures]
    .sort((a, b) => rank(a.key) - rank(b.key))
    .map((a) => ({ value: a.key, label: `${a.name} (${a.key})` }));
  return { datasets, splits, subsetsBySplit, archs };
}

const rank = (key: string) => {
  const i = SMALL_FIRST.indexOf(key);
  return i < 0 ? SMALL_FIRST.length : i;
};

/** The first choice's value, or ''. */
export const first = (o: readonly Choice[]) => o[0]?.value ?? '';

/** A select of the project's splits (the newest first). */
export function splitField(splits: readonly Choice[]): FieldSpec {
  const none = [{ value: '', label: 'no split yet: register a dataset and split it first' }];
  return {
    name: 'splitId',
    label: 'Split',
    kind: 'select',
    options: splits.length ? splits : none,
    initial: first(splits),
  };
}

/** The subsets of the split picked in `splitId` (only those: a teacher trains on its own split). */
export function subsetsField(bySplit: ReadonlyMap<string, Choice[]>, splits: readonly Choice[]): FieldSpec {
  return {
    name: 'subsetIds',
    label: 'Subsets of this split (one teacher each)',
    kind: 'multi',
    options: (v: Values) => bySplit.get(String(v.splitId || first(splits))) ?? [],
    optional: true,
  };
}

/** A select of the registered architectures, small ones first. */
export function archField(name: string, label: string, archs: readonly Choice[]): FieldSpec {
  return { name, label, kind: 'select', options: archs, initial: first(archs) };
}

/** How voting rules break ties (the schema's FusionTieConvention; the API's default first). */
export const tiesField: FieldSpec = {
  name: 'ties',
  label: 'Ties in voting rules',
  kind: 'select',
  options: OPTIONS.ties,
  initial: FusionTieConvention.Principled,
  hint: 'original = the original voting code’s answers, quirks included',
};

const onOff = [
  { value: 'true', label: 'on' },
  { value: 'false', label: 'off' },
];

const TRAINING = 'How the runs train (the method’s way unless set)';

/** How the runs train; a field left at “—” takes the method's way (TrainingOptionsInput). */
export const TRAINING_FIELDS: readonly FieldSpec[] = (
  [
    {
      name: 'training.augment',
      label: 'Augmentation (jitter + RandAugment)',
      kind: 'select',
      options: onOff,
      optional: true,
      parse: (raw) => raw === 'true',
      hint: '— = the method’s way (on)',
    },
    {
      name: 'training.epochBudget',
      label: 'Epoch budget',
      kind: 'select',
      options: OPTIONS.epochBudgets,
      optional: true,
      hint: '— = original (steps from the full training set)',
    },
    {
      name: 'training.restoreBest',
      label: 'Restore best weights',
      kind: 'select',
      options: OPTIONS.restoreBest,
      optional: true,
    },
    {
      name: 'training.patience',
      label: 'Early-stopping patience (epochs, 0 = never)',
      parse: int,
      optional: true,
    },
  ] satisfies FieldSpec[]
).map((f) => ({ ...f, section: TRAINING }));

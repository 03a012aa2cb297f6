// The GraphQL enums of the shared vocabulary, printed from @distillery/domain (their one home) into
// src/schema/vocabulary/schema.graphql, which is checked in and drift-checked like the other
// generated files. GraphQL cannot spell `weighted-mean`, so FusionRule values are the upper-snake
// form; resolvers.ts maps them back to the names the ML core and the database use.
import {
  AUDIT_OUTCOMES,
  DATASET_SOURCES,
  DISTILL_MODES,
  EPOCH_BUDGETS,
  FUSION_RULES,
  fusionRuleEnumValue,
  RESTORE_BEST,
  ROLE_DESCRIPTIONS,
  ROLES,
  SPLIT_METHOD_DOCS,
  SPLIT_METHODS,
  SPLIT_ROLES,
  SUBSET_METHODS,
  TEACHER_ORIGINS,
  TEMPERATURE_MODES,
  TIE_CONVENTIONS,
  TOKEN_ACCESS,
} from '@distillery/domain';

interface VocabularyEnum {
  name: string;
  description: string;
  values: readonly { value: string; description?: string }[];
}

const plain = (values: readonly string[]) => values.map((value) => ({ value }));

/** The vocabulary enums, in print order. */
export const VOCABULARY_ENUMS: readonly VocabularyEnum[] = [
  {
    name: 'DistillMode',
    description: 'A multi-teacher distillation mode of the MTKD method.',
    values: plain(DISTILL_MODES),
  },
  {
    name: 'TemperatureMode',
    description:
      'AS_ORIGINAL: T is stored but never applied (T must be 1); HINTON: softmax(z/T) targets, T²-scaled soft loss.',
    values: plain(TEMPERATURE_MODES),
  },
  {
    name: 'TeacherOrigin',
    description: 'Independent runs, or checkpoints of one run (snapshot ensembles, FGE).',
    values: plain(TEACHER_ORIGINS),
  },
  {
    name: 'FusionRule',
    description: 'A decision-fusion rule; each value documents the name the ML core and the results use.',
    values: FUSION_RULES.map((r) => ({ value: fusionRuleEnumValue(r), description: r })),
  },
  {
    name: 'FusionTieConvention',
    description:
      "How fusion rules break ties: PRINCIPLED (default), or ORIGINAL = exactly the original voting code's answers, quirks included (docs/fusion-ties.md).",
    values: plain(TIE_CONVENTIONS),
  },
  {
    name: 'EpochBudget',
    description:
      'Steps per epoch: ORIGINAL = floor(full training set / batch) even on subsets, as the original; PER_SUBSET = one pass over the run’s own samples.',
    values: plain(EPOCH_BUDGETS),
  },
  {
    name: 'RestoreBest',
    description:
      'Which weights a run with a validation split ends with: ON_EARLY_STOP = the best epoch’s only when early stopping ends it (the Keras of the original), ALWAYS = the best epoch’s, NEVER = the last epoch’s.',
    values: plain(RESTORE_BEST),
  },
  {
    name: 'DatasetSource',
    description: 'Where a dataset comes from.',
    values: plain(DATASET_SOURCES),
  },
  {
    name: 'SplitMethod',
    description: 'How a split assigns training samples to train/val/test.',
    values: SPLIT_METHODS.map((value) => ({ value, description: SPLIT_METHOD_DOCS[value] })),
  },
  {
    name: 'SubsetMethod',
    description: "How a subset's members are drawn.",
    values: plain(SUBSET_METHODS),
  },
  { name: 'SplitRole', description: 'The role a split gives a sample.', values: plain(SPLIT_ROLES) },
  {
    name: 'Role',
    description: 'A project role, ordered VIEWER < MEMBER < SUPERVISOR < ADMIN.',
    values: ROLES.map((r) => ({ value: r, description: ROLE_DESCRIPTIONS[r] })),
  },
  {
    name: 'TokenAccess',
    description:
      'What a USER token may do. READ_ONLY tokens act as VIEWER wherever the user is a member and run no mutation.',
    values: plain(TOKEN_ACCESS),
  },
  { name: 'AuditOutcome', description: 'Whether an audited call succeeded.', values: plain(AUDIT_OUTCOMES) },
];

/** The vocabulary SDL with its do-not-edit header. */
export function vocabularySdl(): string {
  const block = (text: string, indent: string) => `${indent}"""\n${indent}${text}\n${indent}"""\n`;
  const enums = VOCABULARY_ENUMS.map(
    (e) =>
      `${block(e.description, '')}enum ${e.name} {\n${e.values
        .map((v) => `${v.description ? block(v.description, '  ') : ''}  ${v.value}\n`)
        .join('')}}\n`,
  );
  return `# Generated from @distillery/domain by \`npm run schema:print -w @distillery/api\`; do not edit.\n\n${enums.join('\n')}`;
}

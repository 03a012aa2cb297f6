// The dashboard's choices come from the shared vocabulary (@distillery/domain), whose GraphQL enums
// the API prints into its schema, so a form can offer only what the API accepts.
import {
  DATASET_PRESET_KEYS,
  DATASET_PRESETS,
  DATASET_SOURCES,
  DISTILL_MODES,
  EPOCH_BUDGETS,
  FUSION_RULES,
  fusionRuleEnumValue,
  fusionRuleOfEnumValue,
  RESTORE_BEST,
  SPLIT_METHODS,
  SUBSET_METHODS,
  TEACHER_ORIGINS,
  TEMPERATURE_MODES,
  TIE_CONVENTIONS,
} from '@distillery/domain';

import { RunKind, RunOrderField, RunStatus } from '@distillery/graphql-schema/enums';
import type { FusionRule } from '@distillery/graphql-schema/types';

/** One choice of a select. */
export interface Option {
  value: string;
  label: string;
}

const lower = (values: readonly string[]): Option[] =>
  values.map((v) => ({ value: v, label: v.toLowerCase() }));

/** The name a fusion rule is shown by (the ML core's, as in the results): `WEIGHTED_MEAN` → `weighted-mean`. */
export function ruleName(value: string): string {
  return fusionRuleOfEnumValue(value) ?? value;
}

/** The API's FusionRule value of a rule named as the ML core names it. */
export function ruleValue(name: (typeof FUSION_RULES)[number]): FusionRule {
  return fusionRuleEnumValue(name) as FusionRule;
}

/** The schema's run kinds and statuses (its generated enums), for the runs table's filters. */
export const RUN_KINDS: readonly RunKind[] = Object.values(RunKind);
export const RUN_STATUSES: readonly RunStatus[] = Object.values(RunStatus);
/** Fields the runs table can sort by. */
export const RUN_ORDER_FIELDS: readonly RunOrderField[] = Object.values(RunOrderField);

/** Every choice list of the launch forms. */
export const OPTIONS = {
  /** Presets the API registers without a pack (their built-in copy's hash is known). */
  builtinPresets: DATASET_PRESET_KEYS.filter((k) => DATASET_PRESETS[k]!.builtinContentHash).map((k) => ({
    value: k,
    label: `${k} (built in, ${DATASET_PRESETS[k]!.trainCount.toLocaleString('en')} + ${DATASET_PRESETS[k]!.testCount.toLocaleString('en')} images)`,
  })),
  sources: lower(DATASET_SOURCES),
  splitMethods: lower(SPLIT_METHODS),
  subsetMethods: lower(SUBSET_METHODS),
  origins: lower(TEACHER_ORIGINS),
  modes: lower(DISTILL_MODES),
  temperatureModes: lower(TEMPERATURE_MODES),
  ties: lower(TIE_CONVENTIONS),
  epochBudgets: lower(EPOCH_BUDGETS),
  restoreBest: lower(RESTORE_BEST),
  /** Every rule the ML core implements: the FusionRule value, labelled with the rule's name. */
  rules: FUSION_RULES.map((r) => ({ value: ruleValue(r), label: r })),
} satisfies Record<string, Option[]>;

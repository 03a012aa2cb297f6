import { z } from 'zod';

import { enumValueOf } from './names.ts';

/**
 * Every decision-fusion rule the ML core implements, probability-producing ones first, named as the ML
 * core, the database (`Ensemble.rules`, `EnsembleResult.rule`) and the results report name them.
 * GraphQL cannot spell `-`, so its `FusionRule` enum carries `fusionRuleEnumValue(rule)`
 * (`WEIGHTED_MEAN`) with this name as the internal value.
 */
export const FUSION_RULES = [
  'mean',
  'weighted-mean',
  'geometric-mean',
  'product',
  'max',
  'median',
  'stacking',
  'plurality',
  'borda',
  'dowdall',
  'symmetric-borda',
  'copeland',
  'simpson',
  'baldwin',
  'nanson',
  'bucklin',
  'stv',
  'condorcet',
] as const;
/** A fusion rule name. */
export type FusionRule = (typeof FUSION_RULES)[number];
/** zod schema of a fusion rule name. */
export const fusionRuleSchema = z.enum(FUSION_RULES);

/** Rules that output a probability matrix (the voting rules output only a class). */
export const PROBABILITY_RULES: readonly FusionRule[] = [
  'mean',
  'weighted-mean',
  'geometric-mean',
  'product',
  'max',
  'median',
  'stacking',
];

/** Rules that only elect a class (rank-based social-choice rules). */
export const VOTING_RULES: readonly FusionRule[] = FUSION_RULES.filter((r) => !PROBABILITY_RULES.includes(r));

/** The GraphQL `FusionRule` enum value of a rule (`weighted-mean` → `WEIGHTED_MEAN`). */
export function fusionRuleEnumValue(rule: FusionRule): string {
  return enumValueOf(rule);
}

/** The rule behind a GraphQL `FusionRule` enum value, or undefined for an unknown value. */
export function fusionRuleOfEnumValue(value: string): FusionRule | undefined {
  return FUSION_RULES.find((r) => enumValueOf(r) === value);
}

/**
 * How fusion rules break ties (docs/fusion-ties.md, rule by rule):
 * - `PRINCIPLED` (default): equal probabilities rank the lower class index first; a tied score goes to
 *   the largest summed probability, then the lowest index; strict Condorcet winners; Bucklin by most
 *   votes at the decisive depth.
 * - `ORIGINAL`: exactly what ZuchniakK/Voting returns, quirks included (numpy 1.24's argsort order of
 *   equal probabilities, the summed-probability tie-break that never fires, Baldwin eliminating the
 *   lowest index, lowest-index answers in Bucklin and Nanson, weak Condorcet winners).
 */
export const TIE_CONVENTIONS = ['PRINCIPLED', 'ORIGINAL'] as const;
/** A tie convention. */
export type TieConvention = (typeof TIE_CONVENTIONS)[number];
/** zod schema of a tie convention. */
export const tieConventionSchema = z.enum(TIE_CONVENTIONS);

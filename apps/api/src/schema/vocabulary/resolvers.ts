import { FUSION_RULES, fusionRuleEnumValue } from '@distillery/domain';

import type { FusionRuleResolvers, Resolvers } from '../../generated/resolvers-types.ts';

/**
 * FusionRule's internal values are the ML core's names: resolvers receive `weighted-mean` for
 * WEIGHTED_MEAN, and stored names serialise back to the enum value.
 */
export const vocabularyResolvers: Resolvers = {
  FusionRule: Object.fromEntries(FUSION_RULES.map((r) => [fusionRuleEnumValue(r), r])) as FusionRuleResolvers,
};

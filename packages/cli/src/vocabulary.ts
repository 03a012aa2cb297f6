// Command-line spellings of the shared vocabulary (@distillery/domain): people type the method's
// lower-case names (`mimic_all`, `as_original`, `weighted-mean`); the API takes its enum values.
import type { FusionRule as FusionRuleEnum } from '@distillery/client';
import { enumValueOf, FUSION_RULES, fusionRuleEnumValue, fusionRuleOfEnumValue } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';

/** How a vocabulary name is written on the command line (`MIMIC_ALL` → `mimic_all`). */
export function cliName(value: string): string {
  return value.toLowerCase();
}

/** The member of `values` that `raw` names (case and `-`/`_` ignored), or BAD_USER_INPUT listing them. */
export function pickName<T extends string>(option: string, values: readonly T[], raw: string): T {
  const found = values.find((v) => enumValueOf(v) === enumValueOf(raw.trim()));
  if (found === undefined)
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `${option} must be one of ${values.map(cliName).join(', ')}, got "${raw}"`,
    );
  return found;
}

/** The API's FusionRule values of a comma-separated rule list (`mean,weighted-mean`). */
export function pickRules(option: string, raw: string): FusionRuleEnum[] {
  return raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => fusionRuleEnumValue(pickName(option, FUSION_RULES, r)) as FusionRuleEnum);
}

/** The ML core's name of an API FusionRule value, as the original and the results tables write it. */
export function ruleName(value: string): string {
  return fusionRuleOfEnumValue(value) ?? value;
}

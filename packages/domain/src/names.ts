import { badInput } from '@distillery/errors';

/** A name folded for lenient matching: `mimic_all`, `MIMIC-ALL` and `Mimic_All` fold alike. */
function fold(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * The member of `values` that `raw` names, ignoring case and `-` versus `_`, so that people may type
 * the method's lower-case names (`mimic_all`, `weighted-mean`) where the API spells `MIMIC_ALL`.
 * Throws BAD_USER_INPUT naming `field` and the accepted names otherwise.
 */
export function matchName<T extends string>(values: readonly T[], raw: string, field: string): T {
  const wanted = fold(raw.trim());
  const found = values.find((v) => fold(v) === wanted);
  if (found === undefined) throw badInput(field, raw, `must be one of ${values.join(', ')}`);
  return found;
}

/** The GraphQL enum value of a vocabulary name (`weighted-mean` → `WEIGHTED_MEAN`). */
export function enumValueOf(name: string): string {
  return fold(name);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID (any version, any case): an id, as opposed to a slug or a name. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}

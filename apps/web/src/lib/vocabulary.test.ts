// The dashboard's launch forms offer exactly what the API's schema accepts: each list against the
// enum the API prints (packages/graphql-schema/schema.graphql). The dashboard once offered a
// "geometric" rule the API refused, and only 6 of the 18 rules.
import { readFileSync } from 'node:fs';

import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';

import { OPTIONS, ruleName } from './vocabulary.ts';

const schema = buildSchema(
  readFileSync(new URL('../../../../packages/graphql-schema/schema.graphql', import.meta.url), 'utf8'),
);
const enumValues = (name: string) => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of the schema`);
  return type.getValues().map((v) => v.name);
};
const values = (options: readonly { value: string }[]) => options.map((o) => o.value);

describe('launch form choices', () => {
  it('offers exactly the fusion rules the API accepts, labelled with the ML core’s names', () => {
    expect(values(OPTIONS.rules).toSorted()).toEqual(enumValues('FusionRule').toSorted());
    expect(OPTIONS.rules).toHaveLength(18);
    expect(OPTIONS.rules.map((o) => o.label)).toContain('geometric-mean');
    expect(OPTIONS.rules.map((o) => o.label)).not.toContain('geometric');
    expect(ruleName('WEIGHTED_MEAN')).toBe('weighted-mean');
  });

  it('offers exactly the schema’s modes, temperature modes, origins, sources, methods, tie conventions, epoch budgets and restore-best policies', () => {
    const pairs: [readonly { value: string }[], string][] = [
      [OPTIONS.modes, 'DistillMode'],
      [OPTIONS.temperatureModes, 'TemperatureMode'],
      [OPTIONS.origins, 'TeacherOrigin'],
      [OPTIONS.sources, 'DatasetSource'],
      [OPTIONS.splitMethods, 'SplitMethod'],
      [OPTIONS.subsetMethods, 'SubsetMethod'],
      [OPTIONS.ties, 'FusionTieConvention'],
      [OPTIONS.epochBudgets, 'EpochBudget'],
      [OPTIONS.restoreBest, 'RestoreBest'],
    ];
    for (const [options, name] of pairs)
      expect(values(options).toSorted(), name).toEqual(enumValues(name).toSorted());
  });
});

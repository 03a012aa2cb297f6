import { describe, expect, it } from 'vitest';

import { type FieldSpec, initialValues, parseFields, uniqueLabels } from './field-spec.ts';
import { fraction, subsetsField } from './launch-fields.ts';

describe('launch form fields', () => {
  it('nests dotted names, refuses empty required fields and keeps optional ones out', () => {
    const fields: FieldSpec[] = [
      { name: 'name', label: 'Name' },
      { name: 'fractions', label: 'p', parse: fraction, initial: '0.8, 1' },
      { name: 'training.epochBudget', label: 'Budget', kind: 'select', optional: true, options: [] },
      { name: 'training.patience', label: 'Patience', parse: Number, optional: true },
    ];
    const values = initialValues(fields);
    expect(parseFields(fields, values)).toEqual({
      input: { fractions: [0.8, 1] },
      errors: { name: 'required' },
    });
    values.name = '  grid ';
    values['training.patience'] = '3';
    expect(parseFields(fields, values).input).toEqual({
      name: 'grid',
      fractions: [0.8, 1],
      training: { patience: 3 },
    });
  });

  it('offers only the chosen split’s subsets and drops picks the split no longer has', () => {
    const splits = [
      { value: 's1', label: 'split 1' },
      { value: 's2', label: 'split 2' },
    ];
    const bySplit = new Map([
      ['s1', [{ value: 'a', label: 'p=0.8 · seed 0' }]],
      ['s2', [{ value: 'b', label: 'p=0.8 · seed 0' }]],
    ]);
    const fields = [
      { name: 'splitId', label: 'Split', kind: 'select', options: splits } as FieldSpec,
      subsetsField(bySplit, splits),
    ];
    expect(parseFields(fields, { splitId: 's1', subsetIds: ['a', 'b'] }).input).toEqual({
      splitId: 's1',
      subsetIds: ['a'],
    });
    expect(parseFields(fields, { splitId: 's2', subsetIds: ['a'] }).input).toEqual({
      splitId: 's2',
      subsetIds: [],
    });
  });

  it('makes shared labels distinct', () => {
    const labels = uniqueLabels([
      { value: '11111111-x', label: 'p=0.8 · seed 0' },
      { value: '22222222-y', label: 'p=0.8 · seed 0' },
      { value: '33333333-z', label: 'p=1 · seed 0' },
    ]).map((c) => c.label);
    expect(labels).toEqual(['p=0.8 · seed 0 · #11111111', 'p=0.8 · seed 0 · #22222222', 'p=1 · seed 0']);
  });
});

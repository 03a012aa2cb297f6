import { describe, expect, it } from 'vitest';

import { formatValue, leafPaths, readPath } from './columns.ts';
import { parseWhere } from './filter-expr.ts';

describe('parseWhere', () => {
  it('turns comparisons into params and summary predicates', () => {
    const r = parseWhere(
      'summary.test_accuracy >= 0.8, params.mode = MIMIC_ALL and params.alpha in [0, 0.25]',
    );
    expect(r.error).toBeNull();
    expect(r.summary).toEqual([{ path: 'test_accuracy', op: 'GTE', value: 0.8 }]);
    expect(r.params).toEqual([
      { path: 'mode', op: 'EQ', value: 'MIMIC_ALL' },
      { path: 'alpha', op: 'IN', value: [0, 0.25] },
    ]);
  });

  it('supports existence and names the bad part', () => {
    expect(parseWhere('has params.optimizer.lr').params).toEqual([{ path: 'optimizer.lr', op: 'EXISTS' }]);
    expect(parseWhere('accuracy > 1').error).toMatch(/"accuracy > 1"/);
  });
});

describe('columns helpers', () => {
  it('flattens nested objects into dotted paths and reads them back', () => {
    const obj = { a: 1, opt: { lr: 0.1, betas: [0.9, 0.99] } };
    expect(leafPaths(obj)).toEqual(['a', 'opt.lr', 'opt.betas']);
    expect(readPath(obj, 'opt.lr')).toBe(0.1);
    expect(formatValue(readPath(obj, 'opt.betas'))).toBe('0.9, 0.99');
  });
});

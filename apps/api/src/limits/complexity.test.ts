import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';

import { checkLimits, measureOperation, QUERY_LIMITS } from './complexity.ts';

describe('query limits', () => {
  it('measures depth through fragments and cost through page sizes', () => {
    const doc = parse(
      `query Q($n: Int) { runs(projectId: "p", first: $n) { edges { node { ...F } } } } fragment F on Run { id teacher { id } }`,
    );
    expect(measureOperation(doc, 'Q', { n: 10 })).toEqual({
      depth: 5,
      cost: 1 + 10 * (1 + (1 + (1 + 1 + 1))),
    });
  });

  it('refuses depth over the limit as BAD_USER_INPUT and cost over the limit as RATE_LIMITED', () => {
    const deep = parse(
      `{ a ${'{ b '.repeat(QUERY_LIMITS.maxDepth)}{ c }${' }'.repeat(QUERY_LIMITS.maxDepth)} }`,
    );
    expect(checkLimits(deep, undefined, {})?.code).toBe('BAD_USER_INPUT');
    const wide = parse(
      `{ runs(first: 1000) { edges { node { id name status kind tags note } } } other: runs(first: 20000) { edges { node { id } } } }`,
    );
    expect(checkLimits(wide, undefined, {})?.code).toBe('RATE_LIMITED');
    expect(checkLimits(parse('{ me { id } }'), undefined, {})).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';

import { graphqlRuntime } from '../graphql-runtime.ts';
import { loadTypeDefs } from '../schema/type-defs.ts';
import { checkQueryText, SHAPE_LIMITS } from './armor.ts';
import { checkLimits, measureOperation, QUERY_LIMITS } from './complexity.ts';

const { buildASTSchema, parse } = graphqlRuntime;
const schema = buildASTSchema(loadTypeDefs());
const measure = (q: string, vars: Record<string, unknown> = {}) =>
  measureOperation(schema, parse(q), null, vars);

describe('query limits', () => {
  it('multiplies by page sizes, the schema default page when first is omitted, and buckets', () => {
    const q = `query Q($n: Int) { runs(projectId: "p", first: $n) { edges { node { ...F } } } } fragment F on Run { id teacher { id } }`;
    expect(measureOperation(schema, parse(q), 'Q', { n: 10 })).toEqual({
      depth: 5,
      cost: 10 * (1 + (1 + (1 + 1 + (1 + 1)))),
    });
    // runs(first: Int = 50): omitting first costs the default page, not 1.
    expect(measure(`{ runs(projectId: "p") { edges { node { id } } } }`).cost).toBe(50 * (1 + 1 + 1 + 1));
    // metricSeries(buckets: Int = 1000) sizes its points.
    expect(measure(`{ metricSeries(runId: "r", key: "k") { points { step } } }`).cost).toBe(1000 * 3);
    expect(measure(`{ metricSeries(runId: "r", key: "k", buckets: 5000) { points { step } } }`).cost).toBe(
      5000 * 3,
    );
    // compareRuns: ids × keys series of `buckets` points each.
    expect(
      measure(
        `query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["a", "b"], buckets: 10) { points { step } } }`,
        {
          ids: ['1', '2', '3'],
        },
      ).cost,
    ).toBe(10 * 3 * 2 * 3);
    // Unpaged lists count an assumed size, nested ones multiply.
    expect(measure(`{ projects { datasets { splits { id } } } }`).cost).toBe(
      QUERY_LIMITS.unpagedListSize *
        (1 + QUERY_LIMITS.unpagedListSize * (1 + QUERY_LIMITS.unpagedListSize * 2)),
    );
  });

  it('walks each fragment once: 40 nested fragment levels measure instantly', () => {
    const levels = 40;
    const frags = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Run { id }`
        : `fragment F${i} on Run { ...F${i + 1} a${i}: id ...F${i + 1} }`,
    ).join('\n');
    const doc = parse(`{ run(id: "x") { ...F0 } } ${frags}`);
    const t0 = performance.now();
    const m = measureOperation(schema, doc, null, {});
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(m.cost).toBeGreaterThan(2 ** 30);
  });

  it('refuses depth, cost and batch totals with the permanent QUERY_TOO_COMPLEX code', () => {
    const deep = parse(
      `{ run(id: "x") { ${'parentRun { '.repeat(QUERY_LIMITS.maxDepth)}id${' }'.repeat(QUERY_LIMITS.maxDepth)} } }`,
    );
    expect(checkLimits(schema, deep, undefined, {})).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      status: 400,
    });
    const aliases = Array.from(
      { length: 1600 },
      (_, i) => `a${i}: runs(projectId: "p") { edges { node { id } } }`,
    );
    expect(checkLimits(schema, parse(`{ ${aliases.join(' ')} }`), undefined, {})).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
    const small = parse('{ me { id } }');
    expect(checkLimits(schema, small, undefined, {})).toEqual({ cost: 1 + 1 });
    expect(checkLimits(schema, small, undefined, {}, QUERY_LIMITS.maxCost - 1)).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
  });

  it('caps the text: characters and tokens, counted lazily', () => {
    expect(checkQueryText('{ me { id } }')).toBeNull();
    expect(checkQueryText(`{ ${'me { id } '.repeat(SHAPE_LIMITS.maxTokens)} }`)).toMatch(
      /more than 2000 tokens/,
    );
    expect(checkQueryText(`#${'x'.repeat(SHAPE_LIMITS.maxQueryChars)}\n{ me { id } }`)).toMatch(/characters/);
  });
});

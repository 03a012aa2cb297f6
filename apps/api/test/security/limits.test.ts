// Issue 14 finding 2: query cost cannot be bypassed. Default page sizes and buckets count, fragments
// are walked once, aliases/tokens/directives are capped, batches share one budget, and every refusal
// is the permanent QUERY_TOO_COMPLEX (never RATE_LIMITED, which clients retry) on HTTP and WebSocket.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

import { createFullGraph, type FullGraph } from '@distillery/db/testing';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphqlRuntime } from '../../src/graphql-runtime.ts';
import { QUERY_LIMITS } from '../../src/limits/complexity.ts';
import { checkLimits } from '../../src/limits/complexity.ts';
import { loadTypeDefs } from '../../src/schema/type-defs.ts';
import { createUser, startApi, type Api } from '../helpers/harness.ts';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
let api: Api;
let g: FullGraph;
let token: string;

beforeAll(async () => {
  api = await startApi();
  g = await createFullGraph(api.db.prisma, 'limits');
  token = (await createUser(api, g.projectId, 'ADMIN', 'limits')).token;
});
afterAll(() => api.close());

const aliases = (n: number, field: (i: number) => string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join(' ')} }`;
/** The exponential fragment document: 23 fragments, each spreading the next twice (922 bytes). */
const fragmentBomb = (levels: number) =>
  `query { run(id: "${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}") { ...F0 } }\n` +
  Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? `fragment F${i} on Run { id }` : `fragment F${i} on Run { ...F${i + 1} ...F${i + 1} }`,
  ).join('\n');

/** The refusals every transport must give, as (name, query). */
const HOSTILE: [string, string][] = [
  [
    '4,000 aliases of runs without first',
    aliases(4000, () => `runs(projectId: "${'x'}") { edges { node { id } } }`),
  ],
  [
    '400 × metricSeries(buckets: 5000)',
    aliases(400, () => `metricSeries(runId: "r", key: "k", buckets: 5000) { points { step min max } }`),
  ],
  ['nested fragments (23 levels)', fragmentBomb(23)],
  ['16 aliases', aliases(16, () => `me { id }`)],
  ['51 directives', `{ me { id ${'@include(if: true) '.repeat(51)} } }`],
  ['2,001 tokens', `{ me { ${'id '.repeat(2001)} } }`],
  ['13 levels deep', `{ run(id: "x") { ${'teacher { run { '.repeat(6)}id${' } }'.repeat(6)} } }`],
];

describe('query limits on HTTP', () => {
  for (const [name, query] of HOSTILE)
    for (const who of ['anonymous', 'signed in'] as const)
      it(`refuses ${name} (${who}) with QUERY_TOO_COMPLEX`, async () => {
        const r = await api.gql(query, {}, who === 'anonymous' ? undefined : token);
        expect(r.status).toBe(400);
        expect(r.data ?? null).toBeNull();
        expect(r.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
        expect(r.errors?.map((e) => e.extensions?.code)).not.toContain('RATE_LIMITED');
      });

  it('counts a batch against one budget: 5 operations near the limit are refused together', async () => {
    // Each operation alone is accepted (15 × 3,000 buckets × 6 = 270,000); five of them are not.
    const one = aliases(
      15,
      () =>
        `metricSeries(runId: "${g.teacherRunId}", key: "loss", buckets: 3000) { points { step min max last } }`,
    );
    const alone = await api.gql(one, {}, token);
    expect(alone.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(Array.from({ length: 5 }, () => ({ query: one }))),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] }[];
    const codes = body.map((b) => b.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes[0]).toBe('OK');
    expect(codes.filter((c) => c === 'QUERY_TOO_COMPLEX').length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a body over the size cap with a permanent code (413)', async () => {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(9 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('still answers an ordinary page of runs', async () => {
    const r = await api.gql<{ runs: { edges: unknown[] } }>(
      `query($p: ID!) { runs(projectId: $p) { totalCount edges { node { id name status params summary } } } }`,
      { p: g.projectId },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.runs.edges.length).toBeGreaterThan(0);
  });
});

describe('query limits on WebSocket', () => {
  const run = (client: Client, query: string) =>
    new Promise<{ codes: string[]; data: unknown }>((resolve) => {
      let data: unknown = null;
      client.subscribe(
        { query },
        {
          next: (m) => {
            data = m.data ?? null;
            if (m.errors) resolve({ codes: m.errors.map((e) => String(e.extensions?.code)), data });
          },
          error: (e) => {
            const errs = Array.isArray(e) ? (e as { extensions?: { code?: string } }[]) : [];
            resolve({ codes: errs.map((x) => String(x.extensions?.code)), data });
          },
          complete: () => resolve({ codes: [], data }),
        },
      );
    });

  for (const [name, query] of HOSTILE.filter(([, q]) => q.length <= 100_000))
    it(`refuses ${name} with QUERY_TOO_COMPLEX`, async () => {
      const r = await run(api.ws(token), query);
      expect(r.data).toBeNull();
      expect(r.codes).toContain('QUERY_TOO_COMPLEX');
    });

  it('answers an ordinary query', async () => {
    const r = await run(api.ws(token), `{ me { id } }`);
    expect(r.codes).toEqual([]);
    expect(r.data).toMatchObject({ me: { id: expect.any(String) } });
  });
});

describe('the product’s own operations', () => {
  it('every operation the dashboard, CLI and client send fits the limits at the page sizes they use', () => {
    const { buildASTSchema, parse, Kind } = graphqlRuntime;
    const schema = buildASTSchema(loadTypeDefs());
    const files = execFileSync('git', ['ls-files', 'packages/client/*.graphql', 'apps/web/*.graphql'], {
      cwd: REPO,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const defs = files.flatMap((f) => parse(readFileSync(join(REPO, f), 'utf8')).definitions);
    const fragments = defs.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    const ops = defs.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(ops.length).toBeGreaterThan(20);
    // The largest values any caller passes: 1,000 teachers/students (CLI), 25 runs per compare chunk.
    const variables = { first: 1000, ids: Array(25).fill('x'), keys: ['loss'], buckets: 1000 };
    for (const op of ops) {
      const doc = { kind: Kind.DOCUMENT, definitions: [op, ...fragments] } as never;
      const r = checkLimits(schema, doc, op.name?.value, variables);
      expect({ op: op.name?.value, refused: 'code' in r ? r.message : null }).toEqual({
        op: op.name?.value,
        refused: null,
      });
    }
    expect(QUERY_LIMITS.maxCost).toBeLessThanOrEqual(300_000);
  });
});

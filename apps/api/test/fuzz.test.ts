import { createFullGraph, type FullGraph } from '@distillery/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRunnerToken, createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let mine: FullGraph;
let theirs: FullGraph;
let token: string;
let runner: string;

const CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
]);
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  api = await startApi();
  mine = await createFullGraph(api.db.prisma, 'mine');
  theirs = await createFullGraph(api.db.prisma, 'theirs');
  token = (await createUser(api, mine.projectId, 'ADMIN', 'fuzzer')).token;
  runner = await createRunnerToken(api, mine.userId, mine.projectId);
});
afterAll(() => api.close());

/** md5 of every table's rows (the audit log aside, where FAILURE events are expected; lastUsedAt is advisory). */
async function snapshot(): Promise<Record<string, string>> {
  const tables = (
    await api.db.pool.query<{ t: string }>(
      `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('AuditEvent', '_prisma_migrations')`,
    )
  ).rows;
  const out: Record<string, string> = {};
  for (const { t } of tables) {
    const r = await api.db.pool.query<{ h: string | null }>(
      `SELECT md5(string_agg((to_jsonb(x) - 'lastUsedAt')::text, ',' ORDER BY x::text)) AS h FROM "${t}" x`,
    );
    out[t] = r.rows[0]?.h ?? 'empty';
  }
  out.jobs =
    (
      await api.db.pool.query<{ h: string | null }>(
        `SELECT md5(string_agg(j::text, ',' ORDER BY j.id)) AS h FROM graphile_worker._private_jobs j`,
      )
    ).rows[0]?.h ?? 'empty';
  return out;
}

type Case = { name: string; body: string; auth?: string };
const json = (query: string, variables: Record<string, unknown> = {}, auth = token): Case => ({
  name: query.slice(0, 60),
  body: JSON.stringify({ query, variables }),
  auth,
});

// Single values for list arguments are valid GraphQL (input coercion wraps them), so they are not here.
const BAD_STRINGS: unknown[] = [
  null,
  5,
  1.5,
  true,
  {},
  [],
  [5],
  { $ne: 1 },
  '',
  ' ',
  'x'.repeat(100_001),
  '\u0000\u0001',
  'nul\u0000byte',
  '😀'.repeat(300),
];
const BAD_IDS: unknown[] = [
  ...BAD_STRINGS,
  'not-a-uuid',
  UNKNOWN,
  `${UNKNOWN}0`,
  '00000000-0000-0000-0000-00000000000g',
  "' OR 1=1 --",
];
const BAD_INTS: unknown[] = [
  null,
  '5',
  1.5,
  -1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  1e300,
  -1e300,
  'NaN',
  'Infinity',
  {},
  [],
  true,
];
const BAD_FLOATS: unknown[] = [
  null,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  {},
  [],
  true,
  'abc',
  -1,
  2,
  1e308,
];

/** Operations with one slot replaced by each bad value; every resulting call must fail with a typed error. */
function slotCases(): Case[] {
  const cases: Case[] = [];
  const withSlot = (
    query: string,
    base: Record<string, unknown>,
    slot: string[],
    values: unknown[],
    auth = token,
  ) => {
    for (const v of values) {
      const vars = structuredClone(base);
      let cur = vars as Record<string, unknown>;
      for (const k of slot.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
      cur[slot.at(-1)!] = v;
      cases.push(json(query, vars, auth));
    }
  };
  const p = mine.projectId;
  withSlot(
    `query($id: ID!) { run(id: $id) { id } }`,
    {},
    ['id'],
    BAD_IDS.filter((v) => v !== UNKNOWN),
  );
  withSlot(
    `query($p: ID!) { runs(projectId: $p) { totalCount } }`,
    {},
    ['p'],
    [...BAD_IDS, theirs.projectId],
  );
  withSlot(
    `query($p: ID!, $n: Int) { runs(projectId: $p, first: $n) { totalCount } }`,
    { p },
    ['n'],
    [...BAD_INTS.filter((v) => v !== null), 0, 201],
  );
  withSlot(
    `query($p: ID!, $a: String) { runs(projectId: $p, after: $a) { totalCount } }`,
    { p },
    ['a'],
    BAD_STRINGS.filter((v) => v !== null),
  );
  withSlot(
    `query($p: ID!, $f: RunFilter) { runs(projectId: $p, filter: $f) { totalCount } }`,
    { p, f: { summary: [{ path: 'acc', op: 'GT', value: 1 }] } },
    ['f', 'summary', '0', 'path'],
    BAD_STRINGS,
  );
  withSlot(
    `query($p: ID!, $f: RunFilter) { runs(projectId: $p, filter: $f) { totalCount } }`,
    { p, f: { summary: [{ path: 'acc', op: 'GT', value: 1 }] } },
    ['f', 'summary', '0', 'value'],
    [null, {}, [], true, { a: 1 }],
  );
  withSlot(
    `query($p: ID!, $f: RunFilter) { runs(projectId: $p, filter: $f) { totalCount } }`,
    { p, f: { kind: ['TEACHER'] } },
    ['f', 'kind', '0'],
    ['teacher', 'NOPE', 1, null, {}],
  );
  withSlot(
    `query($r: ID!, $b: Int) { metricSeries(runId: $r, key: "loss", buckets: $b) { totalPoints } }`,
    { r: mine.teacherRunId },
    ['b'],
    [...BAD_INTS.filter((v) => v !== null), 0, 5001],
  );
  withSlot(
    `query($r: ID!) { metricSeries(runId: $r, key: "loss") { totalPoints } }`,
    {},
    ['r'],
    [...BAD_IDS, theirs.teacherRunId],
  );
  withSlot(
    `query($ids: [ID!]!) { compareRuns(ids: $ids, keys: ["loss"]) { totalPoints } }`,
    {},
    ['ids'],
    [[UNKNOWN], [theirs.teacherRunId], Array.from({ length: 2001 }, () => mine.teacherRunId), 'x', [null]],
  );
  withSlot(`query($id: ID!) { lineage(id: $id) { root } }`, {}, ['id'], [...BAD_IDS, theirs.studentRunId]);
  withSlot(
    `query($p: ID!, $g: [ResultGroupField!]!) { resultsTable(projectId: $p, groupBy: $g) { metric } }`,
    { p, g: ['MODE'] },
    ['g'],
    [['NOPE'], 'mode', [null], [1]],
  );
  withSlot(
    `query($p: ID!, $m: String!) { resultsTable(projectId: $p, groupBy: [MODE], metric: $m) { metric } }`,
    { p },
    ['m'],
    BAD_STRINGS,
  );
  withSlot(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { slug: 'ok-slug', name: 'n' } },
    ['i', 'slug'],
    [...BAD_STRINGS, 'UPPER', 'a', 'with space', 'x'.repeat(65), mine.projectId.slice(0, 1)],
  );
  withSlot(
    `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
    { i: { slug: 'ok-slug2', name: 'n' } },
    ['i', 'name'],
    BAD_STRINGS.filter((v) => v !== ' ' || true),
  );
  withSlot(
    `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
    { i: { projectId: p, email: 'nobody@x.local', role: 'VIEWER' } },
    ['i', 'email'],
    [...BAD_STRINGS, 'not-an-email', 'nobody@x.local'],
  );
  withSlot(
    `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
    { i: { projectId: p, email: 'nobody@x.local', role: 'VIEWER' } },
    ['i', 'projectId'],
    [...BAD_IDS, theirs.projectId],
  );
  withSlot(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    { i: { projectId: p, name: 'd', preset: 'mnist', contentHash: 'c'.repeat(64) } },
    ['i', 'contentHash'],
    // null is legal since built-in presets record their own hash (registerDataset without one).
    [...BAD_STRINGS.filter((v) => v !== null), 'C'.repeat(64), 'c'.repeat(63)],
  );
  withSlot(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    { i: { projectId: p, name: 'd', preset: 'mnist', contentHash: 'c'.repeat(64) } },
    ['i', 'preset'],
    [5, {}, 'imagenet', 'MNIST'],
  );
  withSlot(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    { i: { projectId: p, name: 'd', preset: 'mnist', contentHash: 'c'.repeat(64) } },
    ['i', 'height'],
    [...BAD_INTS.filter((v) => v !== null), 0, 5000],
  );
  withSlot(
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId: mine.datasetId, seed: 1, valFraction: 0.2 } },
    ['i', 'valFraction'],
    [...BAD_FLOATS, 0.95],
  );
  withSlot(
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId: mine.datasetId, seed: 1, valFraction: 0.2 } },
    ['i', 'datasetId'],
    [...BAD_IDS, theirs.datasetId],
  );
  withSlot(
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId: mine.datasetId, seed: 1, valFraction: 0.2 } },
    ['i', 'seed'],
    BAD_INTS.filter((v) => v !== -1),
  );
  withSlot(
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId: mine.datasetId, seed: 1, valFraction: 0.2, method: 'STRATIFIED' } },
    ['i', 'assignmentBase64'],
    [null, '!!!', 'AAAA', 'AwMDAwMD', 5],
  );
  withSlot(
    `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
    { i: { splitId: mine.splitId, fractions: [0.5], seeds: [1] } },
    ['i', 'fractions'],
    [[], [0], [-0.1], [1.5], ['NaN'], [null], 'x', Array.from({ length: 101 }, () => 0.5)],
  );
  withSlot(
    `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
    { i: { splitId: mine.splitId, fractions: [0.5], seeds: [1] } },
    ['i', 'splitId'],
    [...BAD_IDS, theirs.splitId],
  );
  withSlot(
    `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
    { i: { splitId: mine.splitId, architectureKey: 'test', seeds: [1] } },
    ['i', 'architectureKey'],
    [...BAD_STRINGS, 'resnet9000'],
  );
  withSlot(
    `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
    { i: { splitId: mine.splitId, architectureKey: 'test', seeds: [1] } },
    ['i', 'cycles'],
    [...BAD_INTS, 0, 2],
  );
  withSlot(
    `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
    { i: { splitId: mine.splitId, architectureKey: 'test', seeds: [1] } },
    ['i', 'subsetIds'],
    [[UNKNOWN], [theirs.subsetId], [mine.subsetId, 'x'], 'x'],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    { i: { teacherIds: [mine.teacherId], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
    ['i', 'alpha'],
    [...BAD_FLOATS, -0.01, 1.01],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    { i: { teacherIds: [mine.teacherId], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
    ['i', 'teacherIds'],
    [[], [UNKNOWN], [theirs.teacherId], [mine.teacherId, theirs.teacherId], null, ['x']],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    { i: { checkpointIds: [], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
    ['i', 'checkpointIds'],
    [[], [UNKNOWN], [mine.teacherId], ['x'], [UNKNOWN, UNKNOWN], 7],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    {
      i: {
        teacherIds: [mine.teacherId],
        mode: 'OUTPUT_AVG',
        alpha: 0.5,
        architectureKey: 'test',
        training: {},
      },
    },
    ['i', 'training'],
    [
      { patience: -1 },
      { patience: 2 ** 40 },
      { patience: 0.5 },
      { epochBudget: 'ALL' },
      { restoreBest: 'ALWAYS ' },
      { augment: 1 },
      { extra: true },
      'fast',
      [],
    ],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    { i: { teacherIds: [mine.teacherId], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
    ['i', 'mode'],
    ['output_avg', 'DISTILL', 1, null],
  );
  withSlot(
    `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
    { i: { teacherIds: [mine.teacherId], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
    ['i', 'temperature'],
    [...BAD_FLOATS.filter((v) => v !== 2), 0, -1, 1e6],
  );
  withSlot(
    `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`,
    { i: { name: 'e', teacherIds: [mine.teacherId], rules: ['MEAN'] } },
    ['i', 'rules'],
    [[], ['vote'], [''], null, 'vote'],
  );
  withSlot(
    `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`,
    { i: { name: 'e', teacherIds: [mine.teacherId], rules: ['MEAN'] } },
    ['i', 'weights'],
    [[1, 2], [-1], ['NaN']],
  );
  const grid = {
    name: 'g',
    splitId: mine.splitId,
    teacherArchitecture: 'test',
    studentArchitecture: 'test',
    teacherCounts: [1],
    fractions: [1],
    modes: ['OUTPUT_AVG'],
    alphas: [0.5],
    repetitions: 1,
  };
  withSlot(
    `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
    { i: grid },
    ['i', 'repetitions'],
    [...BAD_INTS, 0, 101],
  );
  withSlot(
    `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
    { i: grid },
    ['i', 'teacherCounts'],
    [[], [0], [101], null, ['1']],
  );
  withSlot(
    `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
    { i: grid },
    ['i', 'alphas'],
    [[], [2], ['NaN'], null],
  );
  withSlot(
    `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
    { i: grid },
    ['i', 'teacherOrigin'],
    [...BAD_STRINGS, 'BAGGED', 'snapshot'],
  );
  withSlot(
    `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
    { i: grid },
    ['i', 'cycles'],
    // 2 with INDEPENDENT teachers (the grid's origin) is refused too
    [...BAD_INTS.filter((v) => v !== null), 0, 2, 101],
  );
  const LOG = `mutation($r: ID!, $p: [MetricPointInput!]!, $a: Int) { logMetrics(runId: $r, points: $p, attempt: $a) { accepted } }`;
  const pt = { key: 'loss', step: 1, value: 1 };
  withSlot(
    LOG,
    { r: mine.teacherRunId, p: [pt] },
    ['p', '0', 'value'],
    BAD_FLOATS.filter((v) => v !== -1 && v !== 2 && v !== 1e308),
  );
  withSlot(LOG, { r: mine.teacherRunId, p: [pt] }, ['p', '0', 'step'], [...BAD_INTS, -5]);
  withSlot(
    LOG,
    { r: mine.teacherRunId, p: [pt] },
    ['p', '0', 'key'],
    [null, 5, {}, '', 'x'.repeat(201), 'a\u0000b'],
  );
  withSlot(
    LOG,
    { r: mine.teacherRunId, p: [pt] },
    ['p', '0', 'wallTime'],
    ['yesterday', 5, {}, '2026-13-45T99:00:00Z'],
  );
  withSlot(LOG, { r: mine.teacherRunId, p: [pt] }, ['r'], [...BAD_IDS, theirs.teacherRunId]);
  withSlot(
    LOG,
    { r: mine.teacherRunId, p: [pt] },
    ['p'],
    [[], null, 'x', Array.from({ length: 10_001 }, (_, i) => ({ key: 'k', step: i, value: 1 }))],
  );
  withSlot(LOG, { r: mine.teacherRunId, p: [pt], a: 1 }, ['a'], [5, -1, 'x'], runner);
  withSlot(
    `mutation($r: ID!, $t: [String!]!) { setRunTags(runId: $r, tags: $t) { id } }`,
    { r: mine.teacherRunId, t: ['ok'] },
    ['t'],
    [null, [''], ['x'.repeat(101)], Array.from({ length: 51 }, (_, i) => `t${i}`), [null], ''],
  );
  withSlot(
    `mutation($r: ID!, $n: String!) { setRunNote(runId: $r, note: $n) { id } }`,
    { r: mine.teacherRunId, n: 'ok' },
    ['n'],
    [null, 5, 'x'.repeat(20_001)],
  );
  for (const op of ['cancelRun', 'retryRun', 'deleteRun'])
    withSlot(`mutation($r: ID!) { ${op}(runId: $r) { id } }`, {}, ['r'], [...BAD_IDS, theirs.teacherRunId]);
  withSlot(`mutation($r: ID!) { retryRun(runId: $r) { id } }`, {}, ['r'], [mine.teacherRunId]);
  withSlot(
    `mutation($r: ID!, $n: String!) { claimRun(runId: $r, runnerId: $n) { attempt } }`,
    { r: mine.teacherRunId, n: 'x' },
    ['r'],
    [...BAD_IDS, theirs.teacherRunId],
    runner,
  );
  withSlot(
    `mutation($r: ID!, $n: String!) { claimRun(runId: $r, runnerId: $n) { attempt } }`,
    { r: mine.teacherRunId, n: 'x' },
    ['n'],
    [null, '', ' ', 'x'.repeat(201), 5],
    runner,
  );
  withSlot(
    `mutation($i: ReportRunStatusInput!) { reportRunStatus(input: $i) { id } }`,
    { i: { runId: mine.teacherRunId, attempt: 7, runnerId: 'x', status: 'SUCCEEDED' } },
    ['i', 'status'],
    ['DONE', null, 5],
    runner,
  );
  withSlot(
    `mutation($i: ReportRunStatusInput!) { reportRunStatus(input: $i) { id } }`,
    { i: { runId: mine.teacherRunId, attempt: 0, runnerId: 'x', status: 'SUCCEEDED' } },
    ['i', 'summary'],
    [[1], 'x', 5, { a: 1 }],
    runner,
  );
  withSlot(
    `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`,
    { i: { name: 'n', kind: 'RUNNER', projectId: theirs.projectId } },
    ['i', 'expiresInDays'],
    [0, 366, -1, 'x', 1.5],
  );
  withSlot(
    `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }`,
    { i: { name: 'n', kind: 'RUNNER' } },
    ['i', 'projectId'],
    [null, UNKNOWN, theirs.projectId, 'x'],
  );
  withSlot(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, {}, ['id'], BAD_IDS);
  withSlot(
    `query($f: AuditFilter!) { auditLog(filter: $f) { edges { cursor } } }`,
    { f: { projectId: mine.projectId } },
    ['f', 'projectId'],
    [...BAD_IDS, theirs.projectId],
  );
  withSlot(
    `query($f: AuditFilter!) { auditLog(filter: $f) { edges { cursor } } }`,
    { f: { projectId: mine.projectId } },
    ['f', 'since'],
    ['not a date', 5, {}],
  );
  withSlot(
    `query($p: ID!) { verifyAuditChain(projectId: $p) { ok } }`,
    {},
    ['p'],
    [...BAD_IDS, theirs.projectId],
  );
  withSlot(
    `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`,
    { e: 'a@b.c', p: 'x' },
    ['e'],
    [...BAD_STRINGS, 'nobody@x.local'],
    '',
  );
  return cases;
}

/** Requests that are wrong as a whole: syntax, unknown fields, depth, cost, batching, body shape and size. */
function structuralCases(): Case[] {
  const deep = (n: number) =>
    `{ run(id: "${mine.teacherRunId}") ${'{ student { teachers { run '.repeat(n)}{ id }${' } } }'.repeat(n)} }`;
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: runs(projectId: "${mine.projectId}", first: 200) { edges { node { id name tags } } }`).join(' ')} }`;
  const cases: Case[] = [
    { name: 'empty body', body: '' },
    { name: 'not json', body: '{"query": ' },
    {
      name: 'NaN literal',
      body: `{"query": "mutation($r: ID!) { logMetrics(runId: $r, points: [{key: \\"k\\", step: 1, value: 1}]) { accepted } }", "variables": {"r": NaN}}`,
    },
    { name: 'Infinity literal', body: '{"query": "{ me { id } }", "variables": {"x": Infinity}}' },
    { name: 'query not a string', body: JSON.stringify({ query: 5 }) },
    { name: 'no query', body: JSON.stringify({ variables: {} }) },
    { name: 'variables not an object', body: JSON.stringify({ query: '{ me { id } }', variables: 'x' }) },
    { name: 'empty batch', body: '[]' },
    {
      name: 'batch too large',
      body: JSON.stringify(Array.from({ length: 21 }, () => ({ query: '{ me { id } }' }))),
    },
    {
      name: 'body too large',
      body: JSON.stringify({ query: '{ me { id } }', variables: { x: 'y'.repeat(9 * 1024 * 1024) } }),
    },
    json('{ me { id } '),
    json('{ nope }'),
    json('{ run { id } }'),
    json('mutation { logMetrics }'),
    json('subscription { jobQueueChanged { kind } }'),
    json('query A { me { id } } query B { me { id } }'),
    json('{ me { ...F } } fragment F on User { ...F }'),
    json(
      `{ runs(projectId: "${mine.projectId}") { edges { node { id } } } totally_unknown: me { id } }`.replace(
        'totally_unknown: me',
        'me2: notAField',
      ),
    ),
    json(aliases(70)),
    json(
      `query($p: ID!) { runs(projectId: $p, first: 200) { edges { node { checkpoints { metrics } events(last: 1000) { id } } } } }`,
      { p: mine.projectId },
    ),
  ];
  for (let n = 4; n <= 40; n += 4) cases.push(json(deep(n)));
  for (const bad of [
    'Bearer',
    'Bearer ',
    'Basic abc',
    `Bearer ${'x'.repeat(300)}`,
    'Bearer dst_unknown',
    'Bearer a b',
  ])
    cases.push({
      ...json('{ projects { id } }'),
      auth: undefined,
      name: `auth ${bad.slice(0, 20)}`,
      body: JSON.stringify({ query: '{ projects { id } }' }),
      ...{ header: bad },
    } as Case);
  return cases;
}

describe('fuzzing the API with malformed operations and variables', () => {
  it(
    'answers every one with a typed error, never a 500, and changes no row',
    { timeout: 240_000 },
    async () => {
      const cases = [...slotCases(), ...structuralCases()];
      expect(cases.length).toBeGreaterThanOrEqual(500);
      const before = await snapshot();
      const auditBefore = await api.db.prisma.auditEvent.count();
      const failures: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const header =
            (c as Case & { header?: string }).header ?? (c.auth ? `Bearer ${c.auth}` : undefined);
          const res = await fetch(api.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(header ? { authorization: header } : {}) },
            body: c.body,
          });
          const text = await res.text();
          let body: { errors?: { extensions?: { code?: string } }[] } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            failures.push(`${c.name}: non-JSON ${res.status} ${text.slice(0, 100)}`);
            continue;
          }
          const codes = (body.errors ?? []).map((e) => e.extensions?.code);
          if (res.status >= 500) failures.push(`${c.name}: HTTP ${res.status} ${text.slice(0, 200)}`);
          else if (codes.length === 0)
            failures.push(`${c.name}: accepted ${text.slice(0, 200)} vars ${c.body.slice(0, 200)}`);
          else if (!codes.every((code) => code && CODES.has(code)))
            failures.push(`${c.name}: codes ${codes.join(',')} ${text.slice(0, 200)}`);
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      expect(failures).toEqual([]);
      expect(await snapshot()).toEqual(before);
      const added = await api.db.prisma.auditEvent.findMany({ skip: auditBefore, orderBy: { id: 'asc' } });
      expect(added.every((e) => e.outcome === 'FAILURE')).toBe(true);
    },
  );
});

import type { Role } from '@distillery/db';
import { hashSecret } from '@distillery/db/seed';
import { createFullGraph, type FullGraph } from '@distillery/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedArchitecture } from './helpers/domain.ts';
import { createRunnerToken, createUser, startApi, type Api, type GqlResult } from './helpers/harness.ts';

type Actor = 'ANONYMOUS' | 'STRANGER' | Role | 'RUNNER';
const ACTORS: Actor[] = ['ANONYMOUS', 'STRANGER', 'VIEWER', 'MEMBER', 'SUPERVISOR', 'ADMIN', 'RUNNER'];
const RANK: Record<string, number> = { VIEWER: 1, MEMBER: 2, SUPERVISOR: 3, ADMIN: 4 };
/** Who may: a minimum project role, any signed-in user, or runner tokens (optionally also MEMBER+). */
type Rule = Role | 'USER' | 'RUNNER_ONLY' | 'MEMBER_OR_RUNNER';

let api: Api;
let g: FullGraph;
const tokens = {} as Record<Actor, string | undefined>;
let userIds = {} as Record<Actor, string>;

beforeAll(async () => {
  api = await startApi();
  await seedArchitecture(api, 'test');
  g = await createFullGraph(api.db.prisma, 'matrix');
  await api.db.prisma.run.updateMany({ where: { projectId: g.projectId }, data: { status: 'SUCCEEDED' } });
  for (const a of ACTORS) {
    if (a === 'ANONYMOUS' || a === 'RUNNER') continue;
    const u = await createUser(
      api,
      a === 'STRANGER' ? null : g.projectId,
      a === 'STRANGER' ? null : (a as Role),
      a.toLowerCase(),
    );
    tokens[a] = u.token;
    userIds = { ...userIds, [a]: u.userId };
  }
  tokens.RUNNER = await createRunnerToken(api, userIds.ADMIN, g.projectId);
});
afterAll(() => api.close());

const prisma = () => api.db.prisma;
const newRun = async (
  data: Partial<{ status: 'QUEUED' | 'RUNNING' | 'FAILED'; attempt: number; kind: 'BASELINE' }> = {},
) =>
  (
    await prisma().run.create({
      data: {
        projectId: g.projectId,
        kind: 'BASELINE',
        name: 'm',
        splitId: g.splitId,
        datasetId: g.datasetId,
        architectureKey: 'test',
        ...data,
      },
    })
  ).id;

/** A run the matrix's RUNNER token holds: claimed as runner "r1" at attempt 1 with a live heartbeat. */
const heldRun = async () => {
  // The matrix's own token (its createApiToken operation adds more RUNNER tokens to the project).
  const token = await prisma().apiToken.findUniqueOrThrow({
    where: { tokenHash: hashSecret(tokens.RUNNER!) },
  });
  const id = await newRun({ status: 'RUNNING', attempt: 1 });
  await prisma().run.update({
    where: { id },
    data: { runnerId: 'r1', runnerTokenId: token.id, heartbeatAt: new Date() },
  });
  return id;
};

/** Each operation builds whatever fresh state it needs, so an allowed call succeeds. */
const OPS: { name: string; rule: Rule; call: (t: string | undefined) => Promise<GqlResult> }[] = [
  { name: 'projects', rule: 'USER', call: (t) => api.gql(`{ projects { id } }`, {}, t) },
  { name: 'architectures', rule: 'USER', call: (t) => api.gql(`{ architectures { key } }`, {}, t) },
  {
    name: 'project',
    rule: 'VIEWER',
    call: (t) =>
      api.gql(`query($id: ID!) { project(id: $id) { id members { role } } }`, { id: g.projectId }, t),
  },
  {
    name: 'datasets',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($p: ID!) { datasets(projectId: $p) { id } }`, { p: g.projectId }, t),
  },
  {
    name: 'dataset',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { dataset(id: $id) { id } }`, { id: g.datasetId }, t),
  },
  {
    name: 'split',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { split(id: $id) { id } }`, { id: g.splitId }, t),
  },
  {
    name: 'subset',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { subset(id: $id) { id } }`, { id: g.subsetId }, t),
  },
  {
    name: 'runs',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($p: ID!) { runs(projectId: $p) { totalCount } }`, { p: g.projectId }, t),
  },
  {
    name: 'run',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { run(id: $id) { id } }`, { id: g.teacherRunId }, t),
  },
  {
    name: 'teachers',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($p: ID!) { teachers(projectId: $p) { id } }`, { p: g.projectId }, t),
  },
  {
    name: 'ensembles',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($p: ID!) { ensembles(projectId: $p) { id } }`, { p: g.projectId }, t),
  },
  {
    name: 'ensemble',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { ensemble(id: $id) { id } }`, { id: g.ensembleId }, t),
  },
  {
    name: 'students',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($p: ID!) { students(projectId: $p) { id } }`, { p: g.projectId }, t),
  },
  {
    name: 'student',
    rule: 'VIEWER',
    call: async (t) =>
      api.gql(
        `query($id: ID!) { student(id: $id) { id } }`,
        { id: (await prisma().student.findFirstOrThrow({ where: { runId: g.studentRunId } })).id },
        t,
      ),
  },
  {
    name: 'metricSeries',
    rule: 'VIEWER',
    call: (t) =>
      api.gql(
        `query($r: ID!) { metricSeries(runId: $r, key: "loss") { totalPoints } }`,
        { r: g.teacherRunId },
        t,
      ),
  },
  {
    name: 'metricPoints',
    rule: 'VIEWER',
    call: (t) =>
      api.gql(
        `query($r: ID!) { metricPoints(runId: $r, first: 10) { endCursor } }`,
        { r: g.teacherRunId },
        t,
      ),
  },
  {
    name: 'compareRuns',
    rule: 'VIEWER',
    call: (t) =>
      api.gql(
        `query($r: ID!) { compareRuns(ids: [$r], keys: ["loss"]) { totalPoints } }`,
        { r: g.teacherRunId },
        t,
      ),
  },
  {
    name: 'resultsTable',
    rule: 'VIEWER',
    call: (t) =>
      api.gql(
        `query($p: ID!) { resultsTable(projectId: $p, groupBy: [MODE]) { metric } }`,
        { p: g.projectId },
        t,
      ),
  },
  {
    name: 'lineage',
    rule: 'VIEWER',
    call: (t) => api.gql(`query($id: ID!) { lineage(id: $id) { root } }`, { id: g.teacherId }, t),
  },
  {
    name: 'auditLog',
    rule: 'SUPERVISOR',
    call: (t) =>
      api.gql(
        `query($p: ID!) { auditLog(filter: { projectId: $p }) { edges { node { seq } } } }`,
        { p: g.projectId },
        t,
      ),
  },
  {
    name: 'verifyAuditChain',
    rule: 'SUPERVISOR',
    call: (t) =>
      api.gql(`query($p: ID!) { verifyAuditChain(projectId: $p) { checked } }`, { p: g.projectId }, t),
  },
  {
    name: 'createProject',
    rule: 'USER',
    call: (t) =>
      api.gql(
        `mutation($s: String!) { createProject(input: { slug: $s, name: "x" }) { id } }`,
        { s: `p-${Math.random().toString(36).slice(2, 10)}` },
        t,
      ),
  },
  {
    name: 'addMember',
    rule: 'ADMIN',
    call: async (t) =>
      api.gql(
        `mutation($i: AddMemberInput!) { addMember(input: $i) { id } }`,
        {
          i: {
            projectId: g.projectId,
            email: (await createUser(api, null, null, 'new')).email,
            role: 'VIEWER',
          },
        },
        t,
      ),
  },
  {
    name: 'createApiToken(USER)',
    rule: 'USER',
    call: (t) => api.gql(`mutation { createApiToken(input: { name: "mine" }) { secret } }`, {}, t),
  },
  {
    name: 'createApiToken(RUNNER)',
    rule: 'ADMIN',
    call: (t) =>
      api.gql(
        `mutation($p: ID!) { createApiToken(input: { name: "r", kind: RUNNER, projectId: $p }) { secret } }`,
        { p: g.projectId },
        t,
      ),
  },
  {
    name: 'revokeApiToken(project runner token)',
    rule: 'ADMIN',
    call: async (t) => {
      const secret = await createRunnerToken(
        api,
        (await createUser(api, null, null, 'owner')).userId,
        g.projectId,
      );
      const row = await prisma().apiToken.findFirstOrThrow({ where: { prefix: secret.slice(0, 8) } });
      return api.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: row.id }, t);
    },
  },
  {
    name: 'registerDataset',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
        {
          i: {
            projectId: g.projectId,
            name: `d${Math.random()}`,
            preset: 'mnist',
            contentHash: 'b'.repeat(64),
          },
        },
        t,
      ),
  },
  {
    name: 'createSplit',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
        { i: { datasetId: g.datasetId, seed: 3, valFraction: 0.25 } },
        t,
      ),
  },
  {
    name: 'generateSubsets',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
        { i: { splitId: g.splitId, fractions: [0.5], seeds: [9] } },
        t,
      ),
  },
  {
    name: 'trainTeachers',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
        { i: { splitId: g.splitId, architectureKey: 'test', seeds: [1] } },
        t,
      ),
  },
  {
    name: 'evaluateEnsemble',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`,
        // The fixture's checkpoint, which has TEST predictions (its teacher has no FINAL checkpoint).
        { i: { name: 'e', checkpointIds: [g.checkpointId], rules: ['MEAN'] } },
        t,
      ),
  },
  {
    name: 'distillStudent',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
        { i: { teacherIds: [g.teacherId], mode: 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'test' } },
        t,
      ),
  },
  {
    name: 'trainBaseline',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
        { i: { splitId: g.splitId, architectureKey: 'test' } },
        t,
      ),
  },
  {
    name: 'launchExperiment',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
        {
          i: {
            name: 'x',
            splitId: g.splitId,
            teacherArchitecture: 'test',
            studentArchitecture: 'test',
            teacherCounts: [1],
            fractions: [1],
            modes: ['OUTPUT_AVG'],
            alphas: [0.5],
            repetitions: 1,
          },
        },
        t,
      ),
  },
  {
    name: 'createExperiment',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($p: ID!) { createExperiment(input: { projectId: $p, name: "e" }) { id } }`,
        { p: g.projectId },
        t,
      ),
  },
  {
    name: 'createRun',
    rule: 'MEMBER',
    call: (t) =>
      api.gql(
        `mutation($p: ID!) { createRun(input: { projectId: $p, name: "s" }) { id } }`,
        { p: g.projectId },
        t,
      ),
  },
  {
    name: 'logMetrics',
    rule: 'MEMBER_OR_RUNNER',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { logMetrics(runId: $r, points: [{ key: "l", step: 1, value: 1 }], attempt: 1, runnerId: "r1") { accepted } }`,
        // The runner writes to the run it holds; a user to a script's running run.
        { r: t === tokens.RUNNER ? await heldRun() : await newRun({ status: 'RUNNING' }) },
        t,
      ),
  },
  {
    name: 'appendRunLogs',
    rule: 'MEMBER_OR_RUNNER',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { appendRunLogs(runId: $r, lines: [{ level: WARN, message: "m" }], attempt: 1, runnerId: "r1") { accepted } }`,
        { r: t === tokens.RUNNER ? await heldRun() : await newRun({ status: 'RUNNING' }) },
        t,
      ),
  },
  {
    name: 'setRunTags',
    rule: 'MEMBER',
    call: async (t) =>
      api.gql(`mutation($r: ID!) { setRunTags(runId: $r, tags: ["x"]) { id } }`, { r: await newRun() }, t),
  },
  {
    name: 'setRunNote',
    rule: 'MEMBER',
    call: async (t) =>
      api.gql(`mutation($r: ID!) { setRunNote(runId: $r, note: "n") { id } }`, { r: await newRun() }, t),
  },
  {
    // A script run nobody in the matrix created: only a project ADMIN may finish it.
    name: 'finishRun',
    rule: 'ADMIN',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { finishRun(input: { runId: $r, status: SUCCEEDED }) { id } }`,
        { r: await newRun({ status: 'RUNNING' }) },
        t,
      ),
  },
  {
    name: 'cancelRun',
    rule: 'MEMBER',
    call: async (t) => api.gql(`mutation($r: ID!) { cancelRun(runId: $r) { id } }`, { r: await newRun() }, t),
  },
  {
    name: 'retryRun',
    rule: 'MEMBER',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { retryRun(runId: $r) { id } }`,
        { r: await newRun({ status: 'FAILED' }) },
        t,
      ),
  },
  {
    name: 'deleteRun',
    rule: 'SUPERVISOR',
    call: async (t) => api.gql(`mutation($r: ID!) { deleteRun(runId: $r) { id } }`, { r: await newRun() }, t),
  },
  {
    name: 'claimRun',
    rule: 'RUNNER_ONLY',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { claimRun(runId: $r, runnerId: "r1") { attempt } }`,
        { r: await newRun() },
        t,
      ),
  },
  {
    name: 'heartbeat',
    rule: 'RUNNER_ONLY',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { heartbeat(runId: $r, attempt: 1, runnerId: "r1") { id } }`,
        { r: await heldRun() },
        t,
      ),
  },
  {
    name: 'runners',
    rule: 'USER',
    call: (t) => api.gql(`{ runners { id heldRunCount heldRuns { id } } }`, {}, t),
  },
  { name: 'jobQueues', rule: 'USER', call: (t) => api.gql(`{ jobQueues { capped } }`, {}, t) },
  {
    name: 'registerRunner',
    rule: 'RUNNER_ONLY',
    call: (t) =>
      api.gql(
        `mutation { registerRunner(input: { runnerId: "matrix:1:aaaaaa", host: "h", engine: "tfjs", backend: "cpu", cpuModel: "c", cpuCores: 1, queues: ["cpu"], concurrency: 1, heartbeatMs: 5000 }) { id } }`,
        {},
        t,
      ),
  },
  {
    name: 'reportRunStatus',
    rule: 'RUNNER_ONLY',
    call: async (t) =>
      api.gql(
        `mutation($r: ID!) { reportRunStatus(input: { runId: $r, attempt: 1, runnerId: "r1", status: SUCCEEDED }) { id } }`,
        { r: await heldRun() },
        t,
      ),
  },
];

function expected(rule: Rule, actor: Actor): 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (actor === 'ANONYMOUS') return 'UNAUTHENTICATED';
  if (actor === 'RUNNER') return rule === 'RUNNER_ONLY' || rule === 'MEMBER_OR_RUNNER' ? 'OK' : 'FORBIDDEN';
  if (rule === 'RUNNER_ONLY') return 'FORBIDDEN';
  if (rule === 'USER') return 'OK';
  if (actor === 'STRANGER') return 'FORBIDDEN';
  const min = rule === 'MEMBER_OR_RUNNER' ? 'MEMBER' : rule;
  return RANK[actor]! >= RANK[min]! ? 'OK' : 'FORBIDDEN';
}

describe('role × operation matrix', () => {
  it('anonymous callers get me = null and nothing else', async () => {
    expect(await api.gql(`{ me { id } }`)).toMatchObject({ data: { me: null } });
    expect((await api.gql(`{ me { id } }`, {}, tokens.RUNNER)).data).toEqual({ me: null });
  });

  it(`checks every operation for every actor (${OPS.length} operations × ${ACTORS.length} actors)`, async () => {
    const mismatches: string[] = [];
    for (const op of OPS) {
      await Promise.all(
        ACTORS.map(async (actor) => {
          const res = await op.call(tokens[actor]);
          const code = res.errors?.[0]?.extensions?.code;
          const got =
            code === 'UNAUTHENTICATED' || code === 'FORBIDDEN'
              ? code
              : res.errors
                ? `ERROR ${code}: ${res.errors[0]!.message}`
                : 'OK';
          const want = expected(op.rule, actor);
          if (got !== want) mismatches.push(`${op.name} as ${actor}: expected ${want}, got ${got}`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
  });
});

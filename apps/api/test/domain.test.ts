import { seedDemo } from '@distillery/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildData, seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
  await seedDemo(api.db.prisma);
  await seedArchitecture(api);
});
afterAll(() => api.close());

describe('the domain through GraphQL', () => {
  it('answers me = null to anonymous callers and refuses everything else', async () => {
    expect((await api.gql('{ me { id } }')).data).toEqual({ me: null });
    const r = await api.gql('{ projects { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await api.gql('{ me { id } }', {}, 'dst_not-a-token');
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(bad.status).toBe(401);
    const expired = await createUser(api, null, null, 'expired');
    await api.db.prisma.apiToken.updateMany({
      where: { userId: expired.userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await api.gql('{ me { id } }', {}, expired.token)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('signs in, creates a project, adds members, creates and revokes tokens', async () => {
    const s = await api.gql<{ signIn: { token: string; user: { email: string } } }>(
      `mutation { signIn(email: "demo@distillery.local", password: "distillery") { token user { email } } }`,
    );
    expect(s.data?.signIn.user.email).toBe('demo@distillery.local');
    const session = s.data!.signIn.token;
    const wrong = await api.gql(
      `mutation { signIn(email: "demo@distillery.local", password: "nope") { token } }`,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const p = await api.gql<{ createProject: { id: string; myRole: string } }>(
      `mutation { createProject(input: { slug: "lab-one", name: "Lab one" }) { id myRole } }`,
      {},
      session,
    );
    expect(p.data?.createProject.myRole).toBe('ADMIN');
    const projectId = p.data!.createProject.id;
    const dup = await api.gql(
      `mutation { createProject(input: { slug: "lab-one", name: "again" }) { id } }`,
      {},
      session,
    );
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const other = await createUser(api, null, null, 'viewer');
    const m = await api.gql<{ addMember: { role: string } }>(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { role } }`,
      { i: { projectId, email: other.email, role: 'VIEWER' } },
      session,
    );
    expect(m.data?.addMember.role).toBe('VIEWER');
    const seen = await api.gql<{ project: { slug: string; myRole: string } }>(
      `{ project(id: "lab-one") { slug myRole } }`,
      {},
      other.token,
    );
    expect(seen.data?.project).toEqual({ slug: 'lab-one', myRole: 'VIEWER' });
    const t = await api.gql<{ createApiToken: { secret: string; token: { id: string; prefix: string } } }>(
      `mutation { createApiToken(input: { name: "script" }) { secret token { id prefix } } }`,
      {},
      session,
    );
    const secret = t.data!.createApiToken.secret;
    expect(secret.startsWith(t.data!.createApiToken.token.prefix)).toBe(true);
    const stored = await api.db.prisma.apiToken.findUniqueOrThrow({
      where: { id: t.data!.createApiToken.token.id },
    });
    expect(stored.tokenHash).not.toContain(secret);
    expect((await api.gql<{ me: { email: string } }>('{ me { email } }', {}, secret)).data?.me.email).toBe(
      'demo@distillery.local',
    );
    await api.gql(
      `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`,
      { id: t.data!.createApiToken.token.id },
      session,
    );
    expect((await api.gql('{ me { email } }', {}, secret)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const audit = await api.db.prisma.auditEvent.findMany({ where: { operation: 'createApiToken' } });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.map((a) => a.args))).not.toContain(secret);
  });

  it('creates data, teachers, ensembles, students and a whole experiment grid with their jobs in one transaction each', async () => {
    const admin = await createUser(api, null, null, 'admin');
    const p = await api.gql<{ createProject: { id: string } }>(
      `mutation { createProject(input: { slug: "grid", name: "Grid" }) { id } }`,
      {},
      admin.token,
    );
    const projectId = p.data!.createProject.id;
    const { splitId, subsetIds } = await buildData(api, admin.token, projectId);
    const split = await api.gql<{
      split: { trainCount: number; valCount: number; subsets: { size: number; memberIndices: number[] }[] };
    }>(
      `query($id: ID!) { split(id: $id) { trainCount valCount subsets { size memberIndices(limit: 5) } } }`,
      { id: splitId },
      admin.token,
    );
    expect(split.data!.split.trainCount + split.data!.split.valCount).toBe(200);
    expect(split.data!.split.subsets).toHaveLength(2);
    const jobsBefore = await countJobs(api);
    const t = await api.gql<{ trainTeachers: { id: string; teacher: { id: string } }[] }>(
      `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id status teacher { id } } }`,
      { i: { splitId, architectureKey: 'tiny', subsetIds } },
      admin.token,
    );
    expect(t.errors).toBeUndefined();
    expect(t.data!.trainTeachers).toHaveLength(2);
    expect(await countJobs(api)).toBe(jobsBefore + 2);
    const teacherIds = t.data!.trainTeachers.map((r) => r.teacher.id);
    const e = await api.gql<{ evaluateEnsemble: { members: { position: number }[] } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id members { position } } }`,
      { i: { name: 'pair', teacherIds, rules: ['MEAN', 'BORDA'] } },
      admin.token,
    );
    expect(e.data!.evaluateEnsemble.members).toHaveLength(2);
    const s = await api.gql<{ distillStudent: { id: string; student: { teachers: { id: string }[] } } }>(
      `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id student { alpha teachers { id } } } }`,
      { i: { teacherIds, mode: 'MIMIC_ALL', alpha: 0.25, architectureKey: 'tiny' } },
      admin.token,
    );
    expect(s.data!.distillStudent.student.teachers.map((x) => x.id)).toEqual(teacherIds);
    const job = await api.db.pool.query<{ payload: { dependsOnRunIds: string[] } }>(
      `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'distill-student'`,
    );
    expect(job.rows[0]!.payload.dependsOnRunIds).toHaveLength(2);
    const b = await api.gql(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id kind } }`,
      { i: { splitId, architectureKey: 'tiny' } },
      admin.token,
    );
    expect(b.errors).toBeUndefined();
    const before = await countJobs(api);
    const x = await api.gql<{
      launchExperiment: { runCount: number; jobCount: number; experiment: { runs: { kind: string }[] } };
    }>(
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount jobCount experiment { runs { kind } } } }`,
      {
        i: {
          name: 'mtkd',
          splitId,
          teacherArchitecture: 'tiny',
          studentArchitecture: 'tiny',
          teacherCounts: [1, 2],
          fractions: [0.5, 1],
          modes: ['OUTPUT_AVG', 'MIMIC_ALL'],
          alphas: [0, 0.5],
          repetitions: 2,
        },
      },
      admin.token,
    );
    expect(x.errors).toBeUndefined();
    // per (rep, p): 2 teachers + 2 ensembles + 2 × 2 × 2 students = 12; × 2 fractions × 2 reps + 2 baselines + 1 plan run
    expect(x.data!.launchExperiment.runCount).toBe(51);
    expect(x.data!.launchExperiment.experiment.runs).toHaveLength(51);
    expect(await countJobs(api)).toBe(before + 51);
    const bad = await api.gql(
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { runCount } }`,
      {
        i: {
          name: 'huge',
          splitId,
          teacherArchitecture: 'tiny',
          studentArchitecture: 'tiny',
          teacherCounts: [100],
          fractions: [0.1, 0.2, 0.3],
          modes: ['OUTPUT_AVG'],
          alphas: [0.1],
          repetitions: 100,
        },
      },
      admin.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countJobs(api)).toBe(before + 51);
    const lin = await api.gql<{ lineage: { nodes: { type: string }[]; edges: unknown[] } }>(
      `query($id: ID!) { lineage(id: $id) { nodes { type } edges { from to } } }`,
      { id: s.data!.distillStudent.id },
      admin.token,
    );
    const types = new Set(lin.data!.lineage.nodes.map((n) => n.type));
    expect([...types].sort()).toEqual(['Dataset', 'Split', 'Student', 'Subset', 'Teacher']);
    const chain = await api.gql<{ verifyAuditChain: { ok: boolean; checked: number } }>(
      `query($p: ID!) { verifyAuditChain(projectId: $p) { ok checked } }`,
      { p: projectId },
      admin.token,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
    expect(chain.data!.verifyAuditChain.checked).toBeGreaterThanOrEqual(9);
  });

  it('files runs made one by one under a created experiment, makes budget splits and takes every fusion rule', async () => {
    const admin = await createUser(api, null, null, 'scripted');
    const mk = async (slug: string) =>
      (
        await api.gql<{ createProject: { id: string } }>(
          `mutation($s: String!) { createProject(input: { slug: $s, name: $s }) { id } }`,
          { s: slug },
          admin.token,
        )
      ).data!.createProject.id;
    const projectId = await mk('scripted');
    const otherProject = await mk('scripted-other');
    const { datasetId, splitId, subsetIds } = await buildData(api, admin.token, projectId);
    const ex = await api.gql<{ createExperiment: { id: string; plan: { budget: string } } }>(
      `mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id plan } }`,
      { i: { projectId, name: 'repro', plan: { budget: '1 epoch' } } },
      admin.token,
    );
    expect(ex.data!.createExperiment.plan).toEqual({ budget: '1 epoch' });
    const experimentId = ex.data!.createExperiment.id;
    const foreign = await api.gql<{ createExperiment: { id: string } }>(
      `mutation($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }`,
      { i: { projectId: otherProject, name: 'x' } },
      admin.token,
    );
    const t = await api.gql<{ trainTeachers: { teacher: { id: string } }[] }>(
      `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { teacher { id } } }`,
      { i: { splitId, architectureKey: 'tiny', subsetIds, experimentId } },
      admin.token,
    );
    const teacherIds = t.data!.trainTeachers.map((r) => r.teacher.id);
    // Every rule of the ML core, as the schema's FusionRule enum spells it; each value's description is
    // the ML core's name, which is what the database stores.
    const intro = await api.gql<{ __type: { enumValues: { name: string; description: string }[] } }>(
      `{ __type(name: "FusionRule") { enumValues { name description } } }`,
    );
    const ruleValues = intro.data!.__type.enumValues;
    expect(ruleValues).toHaveLength(18);
    const allRules = ruleValues.map((v) => v.name);
    const e = await api.gql<{ evaluateEnsemble: { id: string; rules: string[] } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id rules } }`,
      { i: { name: 'all', teacherIds, rules: allRules, experimentId } },
      admin.token,
    );
    expect(e.data!.evaluateEnsemble.rules).toEqual(allRules);
    const stored = await api.db.prisma.ensemble.findUniqueOrThrow({
      where: { id: e.data!.evaluateEnsemble.id },
    });
    expect(stored.rules).toEqual(ruleValues.map((v) => v.description));
    expect(stored.rules).toContain('geometric-mean');
    const unknownRule = await api.gql(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id } }`,
      { i: { name: 'bad', teacherIds, rules: ['GEOMETRIC'] } },
      admin.token,
    );
    expect(unknownRule.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await api.gql(
      `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id } }`,
      { i: { teacherIds, mode: 'LOSS_AVG', alpha: 0, architectureKey: 'tiny', experimentId } },
      admin.token,
    );
    await api.gql(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
      { i: { splitId, architectureKey: 'tiny', experimentId } },
      admin.token,
    );
    const wrong = await api.gql(
      `mutation($i: TrainBaselineInput!) { trainBaseline(input: $i) { id } }`,
      { i: { splitId, architectureKey: 'tiny', experimentId: foreign.data!.createExperiment.id } },
      admin.token,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const runs = await api.gql<{ experiment: { runs: { kind: string }[] } }>(
      `query($id: ID!) { experiment(id: $id) { runs { kind } } }`,
      { id: experimentId },
      admin.token,
    );
    expect(runs.data!.experiment.runs.map((r) => r.kind).sort()).toEqual([
      'BASELINE',
      'ENSEMBLE_EVAL',
      'STUDENT',
      'TEACHER',
      'TEACHER',
    ]);

    // A budget split: about a quarter of the 200 training samples, the same roles as the full split for the kept ones.
    const full = await api.db.prisma.split.findUniqueOrThrow({ where: { id: splitId } });
    const budget = await api.gql<{
      createSplit: { id: string; trainCount: number; valCount: number; testCount: number };
    }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id trainCount valCount testCount } }`,
      { i: { datasetId, seed: 1, valFraction: 0.2, useFraction: 0.25 } },
      admin.token,
    );
    const b = budget.data!.createSplit;
    expect(b.trainCount + b.valCount).toBeGreaterThan(25);
    expect(b.trainCount + b.valCount).toBeLessThan(80);
    expect(b.testCount).toBe(50);
    const row = await api.db.prisma.split.findUniqueOrThrow({ where: { id: b.id } });
    const kept = [...row.assignment].flatMap((v, i) => (v === 3 ? [] : [[v, full.assignment[i]]]));
    expect(kept.every(([v, f]) => v === f)).toBe(true);
    const badUse = await api.gql(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId, seed: 1, valFraction: 0.2, useFraction: 0 } },
      admin.token,
    );
    expect(badUse.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const empty = await api.gql(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId, seed: 1, valFraction: 0.2, useFraction: 0.001 } },
      admin.token,
    );
    expect(empty.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('no training sample'),
    });
    // Subsets of a budget split draw only from its training samples.
    const sub = await api.gql<{ generateSubsets: { size: number }[] }>(
      `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { size } }`,
      { i: { splitId: b.id, fractions: [1], seeds: [1] } },
      admin.token,
    );
    expect(sub.data!.generateSubsets[0]!.size).toBe(b.trainCount);
  });

  it('groups results into mean, SEM (ddof 1) and n', async () => {
    const admin = await createUser(api, null, null, 'res');
    const p = await api.gql<{ createProject: { id: string } }>(
      `mutation { createProject(input: { slug: "results", name: "R" }) { id } }`,
      {},
      admin.token,
    );
    const projectId = p.data!.createProject.id;
    const accs = { OUTPUT_AVG: [0.9, 0.92, 0.94], MIMIC_ALL: [0.8] };
    for (const [mode, list] of Object.entries(accs)) {
      for (const acc of list) {
        const run = await api.db.prisma.run.create({
          data: {
            projectId,
            kind: 'STUDENT',
            name: 's',
            status: 'SUCCEEDED',
            summary: { test_accuracy: acc },
          },
        });
        await api.db.prisma.student.create({
          data: { runId: run.id, mode: mode as 'OUTPUT_AVG', alpha: 0.5, architectureKey: 'tiny' },
        });
      }
    }
    const r = await api.gql<{
      resultsTable: { rows: { group: { MODE: string }; n: number; mean: number; sem: number | null }[] };
    }>(
      `query($p: ID!) { resultsTable(projectId: $p, groupBy: [MODE]) { rows { group n mean sem } } }`,
      { p: projectId },
      admin.token,
    );
    const rows = r.data!.resultsTable.rows;
    const avg = rows.find((x) => x.group.MODE === 'OUTPUT_AVG')!;
    expect(avg.n).toBe(3);
    expect(avg.mean).toBeCloseTo(0.92, 12);
    // sd = 0.02 (ddof 1), sem = 0.02 / √3
    expect(avg.sem).toBeCloseTo(0.02 / Math.sqrt(3), 12);
    expect(rows.find((x) => x.group.MODE === 'MIMIC_ALL')).toMatchObject({ n: 1, sem: null });
  });
});

async function countJobs(api: Api): Promise<number> {
  return Number(
    (await api.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.jobs')).rows[0]!.n,
  );
}

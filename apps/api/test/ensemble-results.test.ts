// Ensemble.diversity and EnsembleResult.confusion: what the evaluate-ensemble job stores (its run's
// summary.diversity and flat row-major confusion matrices) read back through GraphQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EnsembleDiversityView } from '../src/modules/ensemble/ensemble-results.ts';
import { buildData, seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
  await seedArchitecture(api);
});
afterAll(() => api.close());

const QUERY = `query($id: ID!) { ensemble(id: $id) {
  results { rule confusion }
  diversity { memberLabels measures { measure values } entropy kohaviWolpert interraterKappa oracleAccuracy }
} }`;

interface Answer {
  ensemble: {
    results: { rule: string; confusion: number[][] }[];
    diversity: EnsembleDiversityView | null;
  };
}

describe('ensemble evaluation results through GraphQL', () => {
  it('serves confusion matrices as rows and the stored diversity per measure', async () => {
    const admin = await createUser(api, null, null, 'ens-admin');
    const p = await api.gql<{ createProject: { id: string } }>(
      `mutation { createProject(input: { slug: "ens", name: "Ens" }) { id } }`,
      {},
      admin.token,
    );
    const projectId = p.data!.createProject.id;
    const { splitId, subsetIds } = await buildData(api, admin.token, projectId);
    const t = await api.gql<{ trainTeachers: { teacher: { id: string } }[] }>(
      `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { teacher { id } } }`,
      { i: { splitId, architectureKey: 'tiny', subsetIds } },
      admin.token,
    );
    const teacherIds = t.data!.trainTeachers.map((r) => r.teacher.id);
    const e = await api.gql<{ evaluateEnsemble: { id: string; runId: string } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id runId } }`,
      { i: { name: 'pair', teacherIds, rules: ['MEAN', 'BORDA'] } },
      admin.token,
    );
    const { id, runId } = e.data!.evaluateEnsemble;

    // Before the evaluation has run: no results, no diversity.
    const before = await api.gql<Answer>(QUERY, { id }, admin.token);
    expect(before.errors).toBeUndefined();
    expect(before.data!.ensemble).toEqual({ results: [], diversity: null });

    // What the job stores: flat 3 × 3 confusion per rule, and summary.diversity (NaN written as null).
    const confusion = { mean: [5, 1, 0, 2, 6, 1, 0, 0, 7], borda: [4, 2, 0, 1, 7, 1, 0, 1, 6] };
    for (const [rule, flat] of Object.entries(confusion)) {
      await api.db.prisma.ensembleResult.create({
        data: {
          ensembleId: id,
          rule,
          splitRole: 'TEST',
          accuracy: (flat[0]! + flat[4]! + flat[8]!) / 22,
          confusion: flat,
        },
      });
    }
    const measures = {
      disagreement: [
        [0, 0.25],
        [0.25, 0],
      ],
      qStatistic: [
        [1, null],
        [null, 1],
      ],
      correlation: [
        [1, 0.1],
        [0.1, 1],
      ],
      kappa: [
        [1, 0.4],
        [0.4, 1],
      ],
      doubleFault: [
        [0.2, 0.05],
        [0.05, 0.3],
      ],
      kendallTau: [
        [0, 0.6],
        [0.6, 0],
      ],
    };
    const nonPairwise = { entropy: 0.25, kohaviWolpert: 0.0625, interraterKappa: null, oracleAccuracy: 0.95 };
    await api.db.prisma.run.update({
      where: { id: runId },
      data: {
        status: 'SUCCEEDED',
        summary: { test_accuracy: 0.8, diversity: { memberLabels: ['t0', 't1'], measures, nonPairwise } },
      },
    });

    const after = await api.gql<Answer>(QUERY, { id }, admin.token);
    expect(after.errors).toBeUndefined();
    const got = after.data!.ensemble;
    const rows = (flat: number[]) => [flat.slice(0, 3), flat.slice(3, 6), flat.slice(6, 9)];
    expect(got.results).toEqual([
      { rule: 'BORDA', confusion: rows(confusion.borda) },
      { rule: 'MEAN', confusion: rows(confusion.mean) },
    ]);
    expect(got.diversity!.memberLabels).toEqual(['t0', 't1']);
    expect(Object.fromEntries(got.diversity!.measures.map((m) => [m.measure, m.values]))).toEqual(measures);
    expect(got.diversity).toMatchObject(nonPairwise);

    // A viewer of the project reads it too; an outsider gets nothing.
    const viewer = await createUser(api, projectId, 'VIEWER', 'ens-viewer');
    expect(
      (await api.gql<Answer>(QUERY, { id }, viewer.token)).data!.ensemble.diversity?.memberLabels,
    ).toEqual(['t0', 't1']);
    const outsider = await createUser(api, null, null, 'ens-outsider');
    const denied = await api.gql<Answer>(QUERY, { id }, outsider.token);
    expect(denied.data?.ensemble ?? null).toBeNull();
  });
});

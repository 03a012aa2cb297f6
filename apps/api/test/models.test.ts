// Issue 16 item 7: a minimal model registry — promote a student or ensemble to a named model with
// versions and a stage, lineage kept, audited; one STAGING and one PRODUCTION version per model.
import { createFullGraph, type FullGraph } from '@distillery/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let g: FullGraph;
let member: string;
let supervisor: string;
let viewer: string;
let studentId: string;

const PROMOTE = `mutation($i: PromoteModelInput!) { promoteModel(input: $i) { id version stage reference rule classNames inputShape student { id } lineage { nodes { type } } } }`;
type Promoted = {
  promoteModel: {
    id: string;
    version: number;
    stage: string;
    reference: string;
    classNames: string[];
    inputShape: number[];
    student: { id: string } | null;
    lineage: { nodes: { type: string }[] };
  };
};

beforeAll(async () => {
  api = await startApi();
  g = await createFullGraph(api.db.prisma);
  member = (await createUser(api, g.projectId, 'MEMBER', 'member')).token;
  supervisor = (await createUser(api, g.projectId, 'SUPERVISOR', 'supervisor')).token;
  viewer = (await createUser(api, g.projectId, 'VIEWER', 'viewer')).token;
  studentId = (await api.db.prisma.student.findUniqueOrThrow({ where: { runId: g.studentRunId } })).id;
  await api.db.prisma.run.update({ where: { id: g.studentRunId }, data: { datasetId: g.datasetId } });
});
afterAll(() => api.close());

const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

describe('promoteModel', () => {
  it('refuses a student that has not succeeded or has no exported model, writing nothing', async () => {
    const notDone = await api.gql(PROMOTE, { i: { name: 'digits', studentId } }, member);
    expect(codeOf(notDone)).toBe('BAD_USER_INPUT');
    expect(notDone.errors![0]!.message).toMatch(/not SUCCEEDED/);
    await api.db.prisma.run.update({ where: { id: g.studentRunId }, data: { status: 'SUCCEEDED' } });
    const noExport = await api.gql(PROMOTE, { i: { name: 'digits', studentId } }, member);
    expect(noExport.errors![0]!.message).toMatch(/no exported model/);
    const both = await api.gql(
      PROMOTE,
      { i: { name: 'digits', studentId, ensembleId: g.ensembleId } },
      member,
    );
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    const badName = await api.gql(PROMOTE, { i: { name: 'no spaces/here', studentId } }, member);
    expect(codeOf(badName)).toBe('BAD_USER_INPUT');
    expect(await api.db.prisma.registeredModel.count({ where: { name: 'digits' } })).toBe(0);
  });

  it('creates versions in a stage with lineage; PRODUCTION needs a SUPERVISOR; a new holder archives the old', async () => {
    await api.db.prisma.artifact.create({
      data: {
        projectId: g.projectId,
        runId: g.studentRunId,
        kind: 'TFJS_MODEL',
        name: 'model.json',
        uri: 'file:///nonexistent/model.json',
        sha256: '0'.repeat(64),
        sizeBytes: 1n,
      },
    });
    const v1 = await api.gql<Promoted>(PROMOTE, { i: { name: 'digits', studentId } }, member);
    expect(v1.data!.promoteModel).toMatchObject({ version: 1, stage: 'STAGING', reference: 'digits@1' });
    expect(v1.data!.promoteModel.student).toEqual({ id: studentId });
    expect(v1.data!.promoteModel.inputShape).toEqual([28, 28, 1]);
    expect(new Set(v1.data!.promoteModel.lineage.nodes.map((n) => n.type))).toEqual(
      new Set(['Dataset', 'Split', 'Subset', 'Teacher', 'Student']),
    );
    const denied = await api.gql(PROMOTE, { i: { name: 'digits', studentId, stage: 'PRODUCTION' } }, member);
    expect(codeOf(denied)).toBe('FORBIDDEN');
    const v2 = await api.gql<Promoted>(
      PROMOTE,
      { i: { name: 'digits', studentId, stage: 'PRODUCTION' } },
      supervisor,
    );
    expect(v2.data!.promoteModel).toMatchObject({ version: 2, stage: 'PRODUCTION' });
    const v3 = await api.gql<Promoted>(PROMOTE, { i: { name: 'digits', studentId } }, member);
    expect(v3.data!.promoteModel).toMatchObject({ version: 3, stage: 'STAGING' });
    const versions = await api.gql<{ registeredModel: { versions: { version: number; stage: string }[] } }>(
      `query($p: ID!) { registeredModel(projectId: $p, name: "digits") { versions { version stage } } }`,
      { p: g.projectId },
      viewer,
    );
    expect(versions.data!.registeredModel.versions).toEqual([
      { version: 3, stage: 'STAGING' },
      { version: 2, stage: 'PRODUCTION' },
      { version: 1, stage: 'ARCHIVED' },
    ]);
    const lookup = async (reference: string) =>
      (
        await api.gql<{ modelVersion: { version: number } | null }>(
          `query($p: ID!, $r: String!) { modelVersion(projectId: $p, reference: $r) { version } }`,
          { p: g.projectId, r: reference },
          viewer,
        )
      ).data?.modelVersion?.version ?? null;
    expect([
      await lookup('digits@production'),
      await lookup('digits@Staging'),
      await lookup('digits'),
    ]).toEqual([2, 3, 2]);
    expect([await lookup('digits@v1'), await lookup('digits@9'), await lookup('other@staging')]).toEqual([
      1,
      null,
      null,
    ]);
    const bad = await api.gql(
      `query($p: ID!) { modelVersion(projectId: $p, reference: "digits@live") { version } }`,
      { p: g.projectId },
      viewer,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('moves stages with the same rules, and audits every promotion and move', async () => {
    const SET = `mutation($i: SetModelStageInput!) { setModelStage(input: $i) { version stage } }`;
    const demote = await api.gql(
      SET,
      { i: { projectId: g.projectId, name: 'digits', version: 2, stage: 'ARCHIVED' } },
      member,
    );
    expect(codeOf(demote)).toBe('FORBIDDEN');
    const up = await api.gql<{ setModelStage: { stage: string } }>(
      SET,
      { i: { projectId: g.projectId, name: 'digits', version: 3, stage: 'PRODUCTION' } },
      supervisor,
    );
    expect(up.data!.setModelStage.stage).toBe('PRODUCTION');
    const stages = await api.db.prisma.modelVersion.findMany({
      orderBy: { version: 'asc' },
      where: { model: { name: 'digits' } },
    });
    expect(stages.map((v) => v.stage)).toEqual(['ARCHIVED', 'ARCHIVED', 'PRODUCTION']);
    const missing = await api.gql(
      SET,
      { i: { projectId: g.projectId, name: 'digits', version: 7, stage: 'STAGING' } },
      member,
    );
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    const events = await api.db.prisma.auditEvent.findMany({
      where: { projectId: g.projectId, operation: { in: ['promoteModel', 'setModelStage'] } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => `${e.operation}:${e.outcome}`)).toEqual([
      'promoteModel:FAILURE',
      'promoteModel:FAILURE',
      'promoteModel:FAILURE',
      'promoteModel:FAILURE',
      'promoteModel:SUCCESS',
      'promoteModel:FAILURE',
      'promoteModel:SUCCESS',
      'promoteModel:SUCCESS',
      'setModelStage:FAILURE',
      'setModelStage:SUCCESS',
      'setModelStage:FAILURE',
    ]);
  });
});

// finishRun: a script's owner ends the run it created; job runs, other users' runs and bad values are refused.
import type { Role } from '@distillery/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRunnerToken, createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let projectId: string;
const users = {} as Record<'owner' | 'other' | 'admin' | 'viewer', { userId: string; token: string }>;

const FINISH = `mutation($i: FinishRunInput!) {
  finishRun(input: $i) { id status summary failureReason finishedAt events { type message } }
}`;
const CREATE = `mutation($p: ID!) { createRun(input: { projectId: $p, name: "script" }) { id status } }`;

beforeAll(async () => {
  api = await startApi();
  projectId = (await api.db.prisma.project.create({ data: { slug: 'finish', name: 'finish' } })).id;
  const roles: Record<keyof typeof users, Role> = {
    owner: 'MEMBER',
    other: 'MEMBER',
    admin: 'ADMIN',
    viewer: 'VIEWER',
  };
  for (const [name, role] of Object.entries(roles))
    users[name as keyof typeof users] = await createUser(api, projectId, role, name);
});
afterAll(() => api.close());

async function createRun(token: string): Promise<string> {
  const r = await api.gql<{ createRun: { id: string } }>(CREATE, { p: projectId }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.createRun.id;
}

const codeOf = (r: { errors?: { extensions?: { code?: string; field?: string } }[] }) =>
  r.errors?.[0]?.extensions;

describe('finishRun', () => {
  it('lets the creator end its script run, merging the summary, and recording the event', async () => {
    const runId = await createRun(users.owner.token);
    await api.db.prisma.run.update({ where: { id: runId }, data: { summary: { epochs: 3 } } });
    const r = await api.gql<{
      finishRun: { status: string; summary: object; finishedAt: string; events: { type: string }[] };
    }>(FINISH, { i: { runId, status: 'SUCCEEDED', summary: { test_accuracy: 0.9 } } }, users.owner.token);
    expect(r.errors).toBeUndefined();
    expect(r.data!.finishRun).toMatchObject({
      status: 'SUCCEEDED',
      summary: { epochs: 3, test_accuracy: 0.9 },
    });
    expect(r.data!.finishRun.finishedAt).toBeTruthy();
    expect(r.data!.finishRun.events.map((e) => e.type)).toContain('SUCCEEDED');
    const audit = await api.db.prisma.auditEvent.findFirst({
      where: { operation: 'finishRun', targetId: runId },
    });
    expect(audit?.outcome).toBe('SUCCESS');
    // A second finish is a conflict, not a silent overwrite.
    const again = await api.gql(FINISH, { i: { runId, status: 'FAILED' } }, users.owner.token);
    expect(codeOf(again)).toMatchObject({ code: 'CONFLICT' });
  });

  it('records FAILED with its reason', async () => {
    const runId = await createRun(users.owner.token);
    const r = await api.gql<{ finishRun: { status: string; failureReason: string } }>(
      FINISH,
      { i: { runId, status: 'FAILED', failureReason: 'CUDA out of memory' } },
      users.owner.token,
    );
    expect(r.data?.finishRun).toMatchObject({ status: 'FAILED', failureReason: 'CUDA out of memory' });
  });

  it('refuses another member and a viewer, allows a project ADMIN', async () => {
    const runId = await createRun(users.owner.token);
    for (const who of ['other', 'viewer'] as const) {
      const r = await api.gql(FINISH, { i: { runId, status: 'SUCCEEDED' } }, users[who].token);
      expect(codeOf(r), who).toMatchObject({ code: 'FORBIDDEN' });
    }
    const runner = await createRunnerToken(api, users.admin.userId, projectId);
    expect(codeOf(await api.gql(FINISH, { i: { runId, status: 'SUCCEEDED' } }, runner))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(codeOf(await api.gql(FINISH, { i: { runId, status: 'SUCCEEDED' } }))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const r = await api.gql<{ finishRun: { status: string } }>(
      FINISH,
      { i: { runId, status: 'CANCELLED' } },
      users.admin.token,
    );
    expect(r.data?.finishRun.status).toBe('CANCELLED');
  });

  it('refuses a job run held by a runner, even for its creator, and writes nothing', async () => {
    const run = await api.db.prisma.run.create({
      data: {
        projectId,
        kind: 'TEACHER',
        name: 'job',
        status: 'RUNNING',
        attempt: 1,
        runnerId: 'r1',
        createdById: users.owner.userId,
      },
    });
    const r = await api.gql(FINISH, { i: { runId: run.id, status: 'SUCCEEDED' } }, users.owner.token);
    expect(codeOf(r)).toMatchObject({ code: 'CONFLICT', field: 'runId' });
    expect((await api.db.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('RUNNING');
  });

  it('refuses bad values with BAD_USER_INPUT naming the field', async () => {
    const runId = await createRun(users.owner.token);
    const running = await api.gql(FINISH, { i: { runId, status: 'RUNNING' } }, users.owner.token);
    expect(codeOf(running)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const badId = await api.gql(FINISH, { i: { runId: 'nope', status: 'FAILED' } }, users.owner.token);
    expect(codeOf(badId)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const badSummary = await api.gql(
      FINISH,
      { i: { runId, status: 'FAILED', summary: [1, 2] } },
      users.owner.token,
    );
    expect(codeOf(badSummary)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'summary' });
    expect((await api.db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('RUNNING');
  });
});

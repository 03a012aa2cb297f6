// Projects and members (issue 15): create, rename, archive; add, change, remove, leave; the last
// ADMIN stays; supervisors see who did what (by name and email), refusals of members included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failure, person, type Person } from '../helpers/accounts.ts';
import { startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let owner: Person;
let projectId: string;

const ROLE = `mutation($i: SetMemberRoleInput!) { setMemberRole(input: $i) { role } }`;
const REMOVE = `mutation($i: MemberInput!) { removeMember(input: $i) }`;
const LEAVE = `mutation($p: ID!) { leaveProject(projectId: $p) }`;

beforeAll(async () => {
  api = await startApi();
  owner = await person(api, null, null, 'owner');
  const r = await api.gql<{ createProject: { id: string } }>(
    `mutation { createProject(input: { slug: "members-lab", name: "Members lab" }) { id } }`,
    {},
    owner.session,
  );
  projectId = r.data!.createProject.id;
});
afterAll(() => api.close());

describe('projects', () => {
  it('renames and archives: archived projects are read-only and hidden by default', async () => {
    const renamed = await api.gql<{ updateProject: { name: string; slug: string } }>(
      `mutation($p: ID!) { updateProject(input: { projectId: $p, name: "Vision lab" }) { name slug } }`,
      { p: projectId },
      owner.session,
    );
    expect(renamed.data?.updateProject).toEqual({ name: 'Vision lab', slug: 'members-lab' });
    const arch = await api.gql(
      `mutation($p: ID!) { archiveProject(projectId: $p) { archivedAt } }`,
      { p: projectId },
      owner.session,
    );
    expect(arch.errors).toBeUndefined();
    const list = await api.gql<{ projects: { id: string }[] }>(`{ projects { id } }`, {}, owner.session);
    expect(list.data?.projects.map((p) => p.id)).not.toContain(projectId);
    const all = await api.gql<{ projects: { id: string }[] }>(
      `{ projects(includeArchived: true) { id } }`,
      {},
      owner.session,
    );
    expect(all.data?.projects.map((p) => p.id)).toContain(projectId);
    const write = await api.gql(
      `mutation($p: ID!) { updateProject(input: { projectId: $p, name: "x" }) { name } }`,
      { p: projectId },
      owner.session,
    );
    expect(failure(write)).toMatchObject({ code: 'CONFLICT', reason: 'PROJECT_ARCHIVED' });
    const un = await api.gql(
      `mutation($p: ID!) { unarchiveProject(projectId: $p) { archivedAt } }`,
      { p: projectId },
      owner.session,
    );
    expect(un.data).toEqual({ unarchiveProject: { archivedAt: null } });
  });
});

describe('members', () => {
  let viewer: Person;
  it('adds, changes and removes members (ADMIN only)', async () => {
    viewer = await person(api, null, null, 'viewer');
    const add = await api.gql(
      `mutation($p: ID!, $e: String!) { addMember(input: { projectId: $p, email: $e, role: VIEWER }) { role } }`,
      { p: projectId, e: viewer.email },
      owner.session,
    );
    expect(add.errors).toBeUndefined();
    const byViewer = await api.gql(
      ROLE,
      { i: { projectId, userId: viewer.userId, role: 'ADMIN' } },
      viewer.session,
    );
    expect(failure(byViewer)?.code).toBe('FORBIDDEN');
    const up = await api.gql(
      ROLE,
      { i: { projectId, userId: viewer.userId, role: 'MEMBER' } },
      owner.session,
    );
    expect(up.data).toEqual({ setMemberRole: { role: 'MEMBER' } });
    const unknown = await api.gql(
      `mutation($p: ID!) { addMember(input: { projectId: $p, email: "nobody@lab.test", role: VIEWER }) { role } }`,
      { p: projectId },
      owner.session,
    );
    expect(failure(unknown)).toMatchObject({ code: 'NOT_FOUND', reason: 'NO_ACCOUNT' });
    const temp = await person(api, projectId, 'MEMBER', 'temp');
    expect(
      failure(await api.gql(REMOVE, { i: { projectId, userId: temp.userId } }, viewer.session))?.code,
    ).toBe('FORBIDDEN');
    expect((await api.gql(REMOVE, { i: { projectId, userId: temp.userId } }, owner.session)).data).toEqual({
      removeMember: true,
    });
    expect(
      failure(await api.gql(`query($p: ID!) { project(id: $p) { id } }`, { p: projectId }, temp.session))
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('never leaves a project without an ADMIN', async () => {
    const self = await api.gql(
      ROLE,
      { i: { projectId, userId: owner.userId, role: 'MEMBER' } },
      owner.session,
    );
    expect(failure(self)).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
    expect(failure(await api.gql(LEAVE, { p: projectId }, owner.session))).toMatchObject({
      reason: 'LAST_ADMIN',
    });
    expect(
      failure(await api.gql(REMOVE, { i: { projectId, userId: owner.userId } }, owner.session)),
    ).toMatchObject({
      reason: 'LAST_ADMIN',
    });
    const viaAdd = await api.gql(
      `mutation($p: ID!, $e: String!) { addMember(input: { projectId: $p, email: $e, role: VIEWER }) { role } }`,
      { p: projectId, e: owner.email },
      owner.session,
    );
    expect(failure(viaAdd)).toMatchObject({ reason: 'LAST_ADMIN' });
    expect(
      (await api.db.prisma.membership.findFirstOrThrow({ where: { projectId, userId: owner.userId } })).role,
    ).toBe('ADMIN');
    // Two admins demoting each other at once: one of them stays ADMIN.
    await api.gql(ROLE, { i: { projectId, userId: viewer.userId, role: 'ADMIN' } }, owner.session);
    const [a, b] = await Promise.all([
      api.gql(ROLE, { i: { projectId, userId: viewer.userId, role: 'MEMBER' } }, owner.session),
      api.gql(ROLE, { i: { projectId, userId: owner.userId, role: 'MEMBER' } }, viewer.session),
    ]);
    expect([a, b].filter((r) => !r.errors).length).toBeGreaterThanOrEqual(1);
    expect(await api.db.prisma.membership.count({ where: { projectId, role: 'ADMIN' } })).toBe(1);
    const admin = await api.db.prisma.membership.findFirstOrThrow({ where: { projectId, role: 'ADMIN' } });
    const stillAdmin = admin.userId === owner.userId ? owner : viewer;
    const other = stillAdmin === owner ? viewer : owner;
    if (stillAdmin !== owner)
      await api.gql(ROLE, { i: { projectId, userId: owner.userId, role: 'ADMIN' } }, stillAdmin.session);
    expect(
      (await api.gql(LEAVE, { p: projectId }, other === owner ? viewer.session : other.session)).errors,
    ).toBeUndefined();
  });

  it('shows supervisors who did what, refused calls of members included', async () => {
    const sup = await person(api, projectId, 'SUPERVISOR', 'sup');
    const refused = await api.gql(
      `mutation($p: ID!) { archiveProject(projectId: $p) { id } }`,
      { p: projectId },
      sup.session,
    );
    expect(failure(refused)?.code).toBe('FORBIDDEN');
    const log = await api.gql<{
      auditLog: {
        edges: {
          node: {
            operation: string;
            outcome: string;
            errorCode: string;
            actor: { email: string; name: string } | null;
          };
        }[];
      };
    }>(
      `query($f: AuditFilter!) { auditLog(filter: $f) { edges { node { operation outcome errorCode actor { email name } } } } }`,
      { f: { projectId, actorId: sup.userId } },
      sup.session,
    );
    expect(log.data?.auditLog.edges.map((e) => e.node)).toEqual([
      {
        operation: 'archiveProject',
        outcome: 'FAILURE',
        errorCode: 'FORBIDDEN',
        actor: { email: sup.email, name: 'sup' },
      },
    ]);
    const all = await api.gql<{
      auditLog: { edges: { node: { operation: string; actor: { email: string } | null } }[] };
    }>(
      `query($f: AuditFilter!) { auditLog(filter: $f, first: 100) { edges { node { operation actor { email } } } } }`,
      { f: { projectId, outcome: 'SUCCESS' } },
      sup.session,
    );
    const ops = all.data!.auditLog.edges.map((e) => `${e.node.operation}:${e.node.actor?.email}`);
    expect(ops).toContain(`createProject:${owner.email}`);
    expect(ops).toContain(`updateProject:${owner.email}`);
    expect(ops).toContain(`addMember:${owner.email}`);
  });
});

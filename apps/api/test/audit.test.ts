import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let admin: { userId: string; token: string };

const VERIFY = `query($p: ID!) { verifyAuditChain(projectId: $p) { ok checked firstBadSeq reason headSeq headHash } }`;
type Report = {
  verifyAuditChain: {
    ok: boolean;
    checked: number;
    firstBadSeq: number | null;
    reason: string | null;
    headSeq: number | null;
  };
};

beforeAll(async () => {
  api = await startApi();
  admin = await createUser(api, null, null, 'auditor');
});
afterAll(() => api.close());

/** A project with a few audited mutations, one of them failed; returns its id and run. */
async function busyProject(slug: string) {
  const p = await api.gql<{ createProject: { id: string } }>(
    `mutation($s: String!) { createProject(input: { slug: $s, name: "A" }) { id } }`,
    { s: slug },
    admin.token,
  );
  const projectId = p.data!.createProject.id;
  const r = await api.gql<{ createRun: { id: string } }>(
    `mutation($p: ID!) { createRun(input: { projectId: $p, name: "r", params: { password: "hunter2" } }) { id } }`,
    { p: projectId },
    admin.token,
  );
  const runId = r.data!.createRun.id;
  await api.gql(`mutation($r: ID!) { setRunTags(runId: $r, tags: ["a"]) { id } }`, { r: runId }, admin.token);
  await api.gql(
    `mutation($r: ID!) { logMetrics(runId: $r, points: [{ key: "loss", step: 0, value: 1 }]) { accepted } }`,
    { r: runId },
    admin.token,
  );
  await api.gql(`mutation($r: ID!) { cancelRun(runId: $r) { id } }`, { r: runId }, admin.token);
  return { projectId, runId };
}

const setTrigger = (on: boolean) =>
  api.db.pool.query(`ALTER TABLE "AuditEvent" ${on ? 'ENABLE' : 'DISABLE'} TRIGGER "AuditEvent_append_only"`);

describe('the audit log', () => {
  it('records every mutation with actor, target, redacted args and outcome; failures without their partial write', async () => {
    const { projectId, runId } = await busyProject('audit-one');
    const again = await api.gql(
      `mutation($r: ID!) { cancelRun(runId: $r) { id } }`,
      { r: runId },
      admin.token,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const log = await api.gql<{
      auditLog: {
        edges: {
          node: {
            seq: number;
            operation: string;
            outcome: string;
            errorCode: string | null;
            actorId: string;
            args: Record<string, unknown>;
            targetId: string;
          };
        }[];
      };
    }>(
      `query($p: ID!) { auditLog(filter: { projectId: $p }, first: 50) { edges { node { seq operation outcome errorCode actorId targetId args } } } }`,
      { p: projectId },
      admin.token,
    );
    const events = log.data!.auditLog.edges.map((e) => e.node).reverse();
    expect(events.map((e) => `${e.seq}:${e.operation}:${e.outcome}`)).toEqual([
      '1:createProject:SUCCESS',
      '2:createRun:SUCCESS',
      '3:setRunTags:SUCCESS',
      '4:logMetrics:SUCCESS',
      '5:cancelRun:SUCCESS',
      '6:cancelRun:FAILURE',
    ]);
    expect(events.every((e) => e.actorId === admin.userId)).toBe(true);
    expect(events[5]).toMatchObject({ errorCode: 'CONFLICT', targetId: runId });
    expect(JSON.stringify(events[1]!.args)).not.toContain('hunter2');
    // The failed cancel wrote no second CANCELLED event.
    expect(await api.db.prisma.runEvent.count({ where: { runId, type: 'CANCELLED' } })).toBe(1);
    const ok = await api.gql<Report>(VERIFY, { p: projectId }, admin.token);
    expect(ok.data!.verifyAuditChain).toMatchObject({ ok: true, checked: 6, headSeq: 6, firstBadSeq: null });
  });

  it('audits refused attempts too: missing role and bad input, in the project they aimed at', async () => {
    const { projectId, runId } = await busyProject('audit-refused');
    const viewer = await createUser(api, projectId, 'VIEWER', 'peek');
    expect(
      (await api.gql(`mutation($r: ID!) { deleteRun(runId: $r) { id } }`, { r: runId }, viewer.token))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await api.gql(
          `mutation($p: ID!) { createRun(input: { projectId: $p, name: "" }) { id } }`,
          { p: projectId },
          admin.token,
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    const failures = await api.db.prisma.auditEvent.findMany({
      where: { projectId, outcome: 'FAILURE' },
      orderBy: { seq: 'asc' },
    });
    expect(failures.map((f) => [f.operation, f.errorCode, f.actorId])).toEqual([
      ['deleteRun', 'FORBIDDEN', viewer.userId],
      ['createRun', 'BAD_USER_INPUT', admin.userId],
    ]);
    expect((await api.gql<Report>(VERIFY, { p: projectId }, admin.token)).data!.verifyAuditChain.ok).toBe(
      true,
    );
  });

  it('keeps the chain gap-free under concurrent writers', async () => {
    const { projectId, runId } = await busyProject('audit-busy');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.gql(
          `mutation($r: ID!, $t: [String!]!) { setRunTags(runId: $r, tags: $t) { id } }`,
          { r: runId, t: [`t${i}`] },
          admin.token,
        ),
      ),
    );
    const ok = await api.gql<Report>(VERIFY, { p: projectId }, admin.token);
    expect(ok.data!.verifyAuditChain).toMatchObject({ ok: true, checked: 25 });
  });

  it('cannot be changed in the database while the trigger stands, and detects edited and deleted rows', async () => {
    const edited = await busyProject('audit-edit');
    const deleted = await busyProject('audit-delete');
    await expect(
      api.db.pool.query(`UPDATE "AuditEvent" SET operation = 'x' WHERE "projectId" = $1`, [edited.projectId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.db.pool.query(`DELETE FROM "AuditEvent" WHERE "projectId" = $1`, [edited.projectId]),
    ).rejects.toThrow(/append-only/);
    await setTrigger(false);
    try {
      await api.db.pool.query(
        `UPDATE "AuditEvent" SET args = '{"runId": "someone-else"}' WHERE "projectId" = $1 AND seq = 3`,
        [edited.projectId],
      );
      await api.db.pool.query(`DELETE FROM "AuditEvent" WHERE "projectId" = $1 AND seq = 2`, [
        deleted.projectId,
      ]);
    } finally {
      await setTrigger(true);
    }
    const e = await api.gql<Report>(VERIFY, { p: edited.projectId }, admin.token);
    expect(e.data!.verifyAuditChain).toMatchObject({ ok: false, firstBadSeq: 3, checked: 2 });
    expect(e.data!.verifyAuditChain.reason).toMatch(/altered/);
    const d = await api.gql<Report>(VERIFY, { p: deleted.projectId }, admin.token);
    expect(d.data!.verifyAuditChain).toMatchObject({ ok: false, firstBadSeq: 2 });
    expect(d.data!.verifyAuditChain.reason).toMatch(/missing/);
    // Rewriting a row's hash too is caught by the next row's link.
    const forged = await busyProject('audit-forge');
    await setTrigger(false);
    try {
      await api.db.pool.query(
        `UPDATE "AuditEvent" SET "targetId" = 'x', hash = repeat('f', 64) WHERE "projectId" = $1 AND seq = 2`,
        [forged.projectId],
      );
    } finally {
      await setTrigger(true);
    }
    const f = await api.gql<Report>(VERIFY, { p: forged.projectId }, admin.token);
    expect(f.data!.verifyAuditChain).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('exposes no operation that writes or deletes audit events', async () => {
    const schema = await api.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      `{ __schema { mutationType { fields { name } } } }`,
    );
    expect(
      schema.data!.__schema.mutationType.fields.map((f) => f.name).filter((n) => /audit/i.test(n)),
    ).toEqual([]);
  });
});

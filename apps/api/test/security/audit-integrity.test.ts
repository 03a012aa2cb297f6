// Issue 14 finding 7: audit integrity. Non-members' failures go to the site chain; arguments never
// keep an event out; TRUNCATE is refused; the API runs as a role that cannot rewrite the log; signed
// head checkpoints (Ed25519, key outside the database) expose truncation and re-hashing; the site
// chain is readable and verifiable by site admins; FORBIDDEN names no other project's id.
import { generateKeyPairSync } from 'node:crypto';

import { createUser, startApi, type Api } from '../helpers/harness.ts';
import { chainHash, type ChainedEvent } from '@distillery/db/audit';
import { auditSigner, writeCheckpoints } from '../../src/modules/audit/checkpoints.ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let api: Api;
let admin: { userId: string; token: string };
let outsider: { userId: string; token: string };
let alpha: { id: string; runId: string };

const VERIFY = `query($p: ID!) { verifyAuditChain(projectId: $p) { ok checked firstBadSeq reason checkpoints } }`;
type Report = {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  checkpoints: number;
};

const count = async (projectId: string | null) =>
  Number(
    (
      await api.db.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM "AuditEvent" WHERE "projectId" IS NOT DISTINCT FROM $1::uuid`,
        [projectId],
      )
    ).rows[0]!.n,
  );

async function project(slug: string) {
  const p = await api.gql<{ createProject: { id: string } }>(
    `mutation($s: String!) { createProject(input: { slug: $s, name: "P" }) { id } }`,
    { s: slug },
    admin.token,
  );
  const id = p.data!.createProject.id;
  const r = await api.gql<{ createRun: { id: string } }>(
    `mutation($p: ID!) { createRun(input: { projectId: $p, name: "r" }) { id } }`,
    { p: id },
    admin.token,
  );
  for (const t of ['a', 'b', 'c'])
    await api.gql(
      `mutation($r: ID!, $t: String!) { setRunTags(runId: $r, tags: [$t]) { id } }`,
      { r: r.data!.createRun.id, t },
      admin.token,
    );
  return { id, runId: r.data!.createRun.id };
}

async function verify(projectId: string): Promise<Report> {
  const r = await api.gql<{ verifyAuditChain: Report }>(VERIFY, { p: projectId }, admin.token);
  return r.data!.verifyAuditChain;
}

/** As the database superuser (what the attacker was): run `sql` with the append-only triggers off. */
async function tamper(sql: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: api.db.url });
  await c.connect();
  try {
    await c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await c.query(sql, values);
    await c.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
  } finally {
    await c.end();
  }
}

/** Recompute every hash of a chain from `fromSeq` with the product's own function (the re-hash attack). */
async function rehash(projectId: string, fromSeq: number) {
  const rows = (
    await api.db.pool.query<ChainedEvent & { args: unknown; prevHash: string; hash: string }>(
      `SELECT "projectId", seq, "actorId", "actorKind", operation, "targetType", "targetId", args, outcome::text AS outcome,
              "errorCode", to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "prevHash", hash
       FROM "AuditEvent" WHERE "projectId" = $1 ORDER BY seq`,
      [projectId],
    )
  ).rows;
  let prev = rows.find((r) => r.seq === fromSeq - 1)!.hash;
  for (const r of rows.filter((x) => x.seq >= fromSeq)) {
    const { prevHash: _p, hash: _h, ...event } = r;
    const hash = chainHash(prev, event);
    await tamper(`UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE "projectId" = $3 AND seq = $4`, [
      prev,
      hash,
      projectId,
      r.seq,
    ]);
    prev = hash;
  }
}

beforeAll(async () => {
  api = await startApi(undefined, { auditSigningKey: pem, auditCheckpointMs: 0 });
  admin = await createUser(api, null, null, 'site-admin');
  await api.db.prisma.user.update({ where: { id: admin.userId }, data: { isSiteAdmin: true } });
  outsider = await createUser(api, null, null, 'outsider');
  alpha = await project('alpha');
  await api.db.prisma.membership.create({
    data: { projectId: (await project('beta')).id, userId: outsider.userId, role: 'ADMIN' },
  });
});
afterAll(() => api.close());

describe('whose chain a failure goes to', () => {
  it("puts a non-member's 20 failed calls in the site chain, not the target project's", async () => {
    const before = { alpha: await count(alpha.id), site: await count(null) };
    for (let i = 0; i < 10; i++) {
      await api.gql(
        `mutation($r: ID!) { setRunTags(runId: $r, tags: ["injected-${i}"]) { id } }`,
        { r: alpha.runId },
        outsider.token,
      );
      await api.gql(
        `mutation($p: ID!) { createRun(input: { projectId: $p, name: "injected-${i}" }) { id } }`,
        { p: alpha.id },
        outsider.token,
      );
    }
    expect(await count(alpha.id)).toBe(before.alpha);
    expect(await count(null)).toBe(before.site + 20);
    expect((await verify(alpha.id)).ok).toBe(true);
  });

  it('FORBIDDEN does not disclose the id of a project named by slug', async () => {
    const r = await api.gql(`{ project(id: "alpha") { id name } }`, {}, outsider.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(r)).not.toContain(alpha.id);
  });

  it('writes the event whatever the arguments hold (lone surrogates, NUL-free but ill-formed text)', async () => {
    const before = await count(alpha.id);
    const bad = await api.gql(
      `mutation($r: ID!, $t: [String!]!) { setRunTags(runId: $r, tags: $t) { id } }`,
      { r: alpha.runId, t: [`\ud800${'x'.repeat(120)}`] },
      admin.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await api.gql(
      `mutation($r: ID!, $n: String!) { setRunNote(runId: $r, note: $n) { id } }`,
      { r: alpha.runId, n: 'a\udc00b' },
      admin.token,
    );
    expect(ok.errors).toBeUndefined();
    expect(await count(alpha.id)).toBe(before + 2);
    expect(await verify(alpha.id)).toMatchObject({ ok: true });
  });
});

describe('the database refuses rewriting', () => {
  it('refuses TRUNCATE even to the owner while the triggers stand', async () => {
    await expect(api.db.pool.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(
      /append-only \(TRUNCATE refused\)/,
    );
  });

  it('runs the API as a role that cannot update, delete, truncate, disable triggers or run programs', async () => {
    const app = new pg.Client({ connectionString: api.db.appUrl });
    await app.connect();
    try {
      expect(
        (await app.query<{ s: boolean }>(`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`))
          .rows[0]!.s,
      ).toBe(false);
      for (const sql of [
        `DELETE FROM "AuditEvent"`,
        `UPDATE "AuditEvent" SET hash = 'x'`,
        `TRUNCATE "AuditEvent"`,
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`,
        `DELETE FROM security.audit_checkpoint`,
        `COPY (SELECT 1) TO PROGRAM 'true'`,
        `CREATE TABLE evil (x int)`,
      ])
        await expect(app.query(sql), sql).rejects.toThrow(
          /permission denied|must be owner|superuser|pg_execute_server_program/,
        );
    } finally {
      await app.end();
    }
  });
});

describe('signed head checkpoints', () => {
  it('detect the newest events deleted', async () => {
    const p = await project('trunc');
    expect(await writeCheckpoints(api.db.pool, auditSigner(pem))).toBeGreaterThan(0);
    const n = await count(p.id);
    await tamper(`DELETE FROM "AuditEvent" WHERE "projectId" = $1 AND seq > $2`, [p.id, n - 2]);
    expect(await verify(p.id)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signed checkpoint .* events were deleted/),
    });
  });

  it('detect one event rewritten and the rest re-hashed with the product’s own function', async () => {
    const p = await project('rehash');
    await writeCheckpoints(api.db.pool, auditSigner(pem));
    await tamper(`UPDATE "AuditEvent" SET args = '{"tags":["forged"]}' WHERE "projectId" = $1 AND seq = 3`, [
      p.id,
    ]);
    await rehash(p.id, 3);
    const report = await verify(p.id);
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(report).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/differs from its signed checkpoint/),
    });
  });

  it('ignore and report checkpoints nobody with the key signed', async () => {
    const p = await project('forged');
    await api.db.pool.query(
      `INSERT INTO security.audit_checkpoint (chain, seq, hash, at, "keyId", signature) VALUES ($1, 1, 'x', 'now', 'k', 'c2ln')`,
      [p.id],
    );
    expect(await verify(p.id)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no valid signature/),
    });
  });
});

describe('the site chain', () => {
  it('is readable and verifiable by site admins only', async () => {
    await writeCheckpoints(api.db.pool, auditSigner(pem));
    const log = await api.gql<{
      siteAuditLog: { edges: { node: { operation: string; outcome: string } }[] };
    }>(`{ siteAuditLog(first: 100) { edges { node { operation outcome actorId } } } }`, {}, admin.token);
    expect(
      log.data!.siteAuditLog.edges.filter((e) => e.node.outcome === 'FAILURE').length,
    ).toBeGreaterThanOrEqual(20);
    const v = await api.gql<{ verifySiteAuditChain: Report }>(
      `{ verifySiteAuditChain { ok checked checkpoints } }`,
      {},
      admin.token,
    );
    expect(v.data!.verifySiteAuditChain).toMatchObject({ ok: true, checkpoints: expect.any(Number) });
    expect(v.data!.verifySiteAuditChain.checked).toBeGreaterThanOrEqual(20);
    for (const q of [`{ siteAuditLog { edges { node { id } } } }`, `{ verifySiteAuditChain { ok } }`])
      expect((await api.gql(q, {}, outsider.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

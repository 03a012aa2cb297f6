// Issue 16 item 5 (API side): a trained model's artifacts through GraphQL (kind, size, sha256, URL,
// files) and their bytes streamed by GET /artifacts/:id/:file with the caller's permissions.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { bundleDigest, openArtifactStore } from '@distillery/artifacts';
import { createFullGraph } from '@distillery/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRunnerToken, createUser, startApi, type Api } from './helpers/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'api-artifacts-'));
const store = openArtifactStore({ kind: 'local', root });
let api: Api;
let viewer: string;
let outsider: string;
let runnerToken: string;
let teacherId: string;
const shard = new Uint8Array(300_000).map((_, i) => i % 251);
const modelJson = new TextEncoder().encode('{"format":"layers-model"}');

beforeAll(async () => {
  api = await startApi(undefined, { artifactStore: { kind: 'local', root } });
  const g = await createFullGraph(api.db.prisma);
  teacherId = g.teacherId;
  const run = await api.db.prisma.run.findUniqueOrThrow({ where: { id: g.teacherRunId } });
  viewer = (await createUser(api, g.projectId, 'VIEWER', 'viewer')).token;
  const member = await createUser(api, g.projectId, 'MEMBER', 'member');
  outsider = (await createUser(api, null, null, 'outsider')).token;
  runnerToken = await createRunnerToken(api, member.userId, g.projectId);
  const files = [];
  for (const [path, bytes, contentType] of [
    ['model.json', modelJson, 'application/json'],
    ['group1-shard1of1.bin', shard, 'application/octet-stream'],
  ] as const) {
    const stored = await store.put(`${g.projectId}/${run.id}/tfjs/${path}`, bytes);
    files.push({ path, contentType, ...stored });
  }
  await api.db.prisma.artifact.create({
    data: {
      projectId: g.projectId,
      runId: run.id,
      kind: 'TFJS_MODEL',
      name: 'model.json',
      uri: files[0]!.uri,
      sha256: bundleDigest(files),
      sizeBytes: BigInt(modelJson.length + shard.length),
      contentType: 'application/json',
      files,
    },
  });
});
afterAll(() => api.close());

async function teacherArtifacts(token: string) {
  const projectId = (
    await api.db.prisma.teacher.findUniqueOrThrow({ where: { id: teacherId }, include: { run: true } })
  ).run.projectId;
  return api.gql<{
    teachers: {
      id: string;
      artifacts: {
        id: string;
        kind: string;
        sizeBytes: number;
        sha256: string;
        downloadUrl: string;
        files: { path: string; sha256: string; sizeBytes: number; downloadUrl: string }[];
      }[];
    }[];
  }>(
    `query($p: ID!) { teachers(projectId: $p) { id artifacts { id kind sizeBytes sha256 downloadUrl files { path sha256 sizeBytes downloadUrl } } } }`,
    { p: projectId },
    token,
  );
}

describe('artifacts of a trained model', () => {
  it('lists kind, size, sha256 and download URLs, and streams each file to a project reader', async () => {
    const res = await teacherArtifacts(viewer);
    const artifacts = res.data!.teachers.find((t) => t.id === teacherId)!.artifacts;
    const tfjs = artifacts.find((a) => a.kind === 'TFJS_MODEL')!;
    expect(tfjs.sizeBytes).toBe(modelJson.length + shard.length);
    expect(tfjs.downloadUrl).toBe(`${new URL(api.url).origin}/artifacts/${tfjs.id}/model.json`);
    expect(tfjs.files.map((f) => f.path)).toEqual(['model.json', 'group1-shard1of1.bin']);
    expect(bundleDigest(tfjs.files)).toBe(tfjs.sha256);
    // An EPOCH checkpoint is not a final weight: the run lists it, the teacher's model artifacts do not.
    expect(artifacts.map((a) => a.kind)).toEqual(['TFJS_MODEL']);
    const run = await api.gql<{ run: { artifacts: { kind: string; files: unknown[] }[] } }>(
      `query($id: ID!) { run(id: $id) { artifacts { kind files { path } } } }`,
      { id: (await api.db.prisma.teacher.findUniqueOrThrow({ where: { id: teacherId } })).runId },
      viewer,
    );
    expect(run.data!.run.artifacts.map((a) => [a.kind, a.files.length])).toEqual([
      ['CHECKPOINT', 1],
      ['TFJS_MODEL', 2],
    ]);
    const got = await fetch(tfjs.files[1]!.downloadUrl, { headers: { authorization: `Bearer ${viewer}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(shard.length));
    const bytes = new Uint8Array(await got.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(tfjs.files[1]!.sha256);
    const again = await fetch(tfjs.files[1]!.downloadUrl, {
      headers: { authorization: `Bearer ${viewer}`, 'if-none-match': got.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const byRunner = await fetch(tfjs.downloadUrl, { headers: { authorization: `Bearer ${runnerToken}` } });
    expect(await byRunner.text()).toBe('{"format":"layers-model"}');
  });

  it('refuses anonymous callers, outsiders and unknown files with a typed error and no bytes', async () => {
    const res = await teacherArtifacts(viewer);
    const tfjs = res
      .data!.teachers.find((t) => t.id === teacherId)!
      .artifacts.find((a) => a.kind === 'TFJS_MODEL')!;
    const codeOf = async (r: Response) =>
      ((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
    const anon = await fetch(tfjs.downloadUrl);
    expect([anon.status, await codeOf(anon)]).toEqual([401, 'UNAUTHENTICATED']);
    const other = await fetch(tfjs.downloadUrl, { headers: { authorization: `Bearer ${outsider}` } });
    expect([other.status, await codeOf(other)]).toEqual([403, 'FORBIDDEN']);
    const missing = await fetch(tfjs.downloadUrl.replace('model.json', 'other.bin'), {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect([missing.status, await codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
    const badId = await fetch(`${new URL(api.url).origin}/artifacts/not-a-uuid/model.json`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect([badId.status, await codeOf(badId)]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await teacherArtifacts(outsider)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

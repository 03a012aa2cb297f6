import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { NO_GROUP } from '@distillery/domain';
import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';

import {
  buildPack,
  cachedPackPath,
  contentKey,
  loadDatasetPack,
  openArtifactStore,
  openPack,
  packRoles,
  parsePackPrefix,
  readPackIndex,
  sha256Hex,
  type PackContent,
} from './index.ts';

// Three 2×2 grey images in train, one in test; two groups.
function content(over: Partial<PackContent['header']> = {}, groups = [0, 0, 1, NO_GROUP]): PackContent {
  return {
    header: {
      name: 'tiny',
      shape: [2, 2, 1],
      classNames: ['a', 'b'],
      groupNames: ['g0', 'g1'],
      counts: { train: 3, val: 0, test: 1 },
      ids: ['tiny/train/a/1.png', 'tiny/train/a/2.png', 'tiny/train/b/3.png', 'tiny/test/b/4.png'],
      ...over,
    },
    labels: [0, 0, 1, 1],
    groups,
    pixels: [new Uint8Array(12).fill(7), new Uint8Array(4).fill(9)],
  };
}

const joined = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

describe('dataset pack', () => {
  it('packs the same content to the same bytes and hash, and reads it back', () => {
    const a = buildPack(content());
    const b = buildPack(content());
    expect(a.sha256).toBe(b.sha256);
    const bytes = joined(a.chunks);
    expect(sha256Hex(bytes)).toBe(a.sha256);
    expect(bytes.byteLength).toBe(a.sizeBytes);
    const pack = openPack(bytes);
    expect(pack.header).toMatchObject({ format: 'distillery-dataset-pack/1', shape: [2, 2, 1] });
    expect(Array.from(pack.labels)).toEqual([0, 0, 1, 1]);
    expect(Array.from(pack.groups)).toEqual([0, 0, 1, NO_GROUP]);
    expect(Array.from(pack.pixels.subarray(11, 13))).toEqual([7, 9]);
    expect(Array.from(packRoles(pack.header))).toEqual([0, 0, 0, 2]);
  });

  it('changes the hash when a pixel, a label or a class name changes', () => {
    const base = buildPack(content()).sha256;
    const pixel = content();
    pixel.pixels = [new Uint8Array(12).fill(7), Uint8Array.of(9, 9, 9, 8)];
    const label = { ...content(), labels: [0, 1, 1, 1] };
    const renamed = content({ classNames: ['a', 'B'] });
    const hashes = [pixel, label, renamed].map((c) => buildPack(c).sha256);
    expect(new Set([base, ...hashes]).size).toBe(4);
  });

  it('refuses malformed and hostile packs with BAD_USER_INPUT', async () => {
    const good = joined(buildPack(content()).chunks);
    const bad = (mutate: (b: Uint8Array) => Uint8Array) => {
      try {
        parsePackPrefix(mutate(Uint8Array.from(good)));
        return 'parsed';
      } catch (e) {
        return `${(e as { code: string }).code}: ${(e as Error).message}`;
      }
    };
    expect(bad((b) => (b.set([0x58], 0), b))).toMatch(/BAD_USER_INPUT.*not a dataset pack/);
    expect(bad((b) => (new DataView(b.buffer).setUint32(8, 0xffffffff, true), b))).toMatch(/header exceeds/);
    expect(() => buildPack({ ...content(), labels: [0, 0, 5, 1] })).toThrow(/names no class/);
    expect(() => buildPack(content({}, [0, 0, 1, 1]))).toThrow(
      /group "g1" has samples in both train and test/,
    );
    expect(() => buildPack(content({ classNames: ['a', 'a'] }))).toThrow(/distinct/);
    expect(() => openPack(good.subarray(0, good.length - 1))).toThrow(/must be/);
    expect(parsePackPrefix(good.subarray(0, 20))).toBeNull();
    expect(await codeOf(readPackIndex(Readable.from([good.subarray(0, 30)])))).toBe('BAD_USER_INPUT');
    const index = await readPackIndex(
      Readable.from(Array.from({ length: good.length }, (_, i) => good.subarray(i, i + 1))),
    );
    expect(index.header.ids).toHaveLength(4);
  });
});

describe('dataset cache', () => {
  it('fetches by hash into the cache, reuses a good copy, refetches a bad one, refuses a corrupted store object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-cache-'));
    const store = openArtifactStore({ kind: 'local', root: join(dir, 'store') });
    const cache = join(dir, 'cache');
    const pack = buildPack(content());
    const bytes = joined(pack.chunks);
    const stored = await store.put(contentKey(pack.sha256), bytes);

    expect(await codeOf(loadDatasetPack(store, 'f'.repeat(64), cache))).toBe(AppErrorCode.NOT_FOUND);
    expect(await codeOf(loadDatasetPack(store, '../../etc/passwd', cache))).toBe(AppErrorCode.DATA_CORRUPT);
    expect(Buffer.compare(await loadDatasetPack(store, pack.sha256, cache), bytes)).toBe(0);
    const copy = cachedPackPath(cache, pack.sha256);
    expect(sha256Hex(readFileSync(copy))).toBe(pack.sha256);

    // A cached copy changed on disk is dropped and fetched again.
    writeFileSync(copy, Buffer.from('tampered'));
    const stale: string[] = [];
    const again = await loadDatasetPack(store, pack.sha256, cache, { onStaleCache: (h) => stale.push(h) });
    expect([Buffer.compare(again, bytes), stale]).toEqual([0, [pack.sha256]]);

    // A store object whose bytes changed is refused and nothing lands in the cache.
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 1] = flipped.at(-1)! ^ 1;
    writeFileSync(fileURLToPath(stored.uri), flipped);
    writeFileSync(copy, Buffer.from('tampered again'));
    const e = await loadDatasetPack(store, pack.sha256, cache).then(
      () => null,
      (x: unknown) => x as Error & { code: string },
    );
    expect(e).toMatchObject({ code: AppErrorCode.DATA_CORRUPT });
    expect(e?.message).toMatch(/does not match its contentHash/);
    expect(existsSync(copy)).toBe(false);
  });
});

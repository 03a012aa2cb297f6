import { AppErrorCode } from '@distillery/errors';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { FMNIST_DEBIAN_DIR, parseIdx } from '@distillery/artifacts/idx';
import { loadImageFolder } from './image-folder.ts';
import { loadFashionMnist, loadMnist } from './mnist.ts';
import { loadDataset } from './load-dataset.ts';
import { DATASET_PRESETS } from '@distillery/domain';

const tmp = mkdtempSync(join(tmpdir(), 'ml-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('IDX datasets', () => {
  it('loads full MNIST with verified hashes and the canonical class counts', () => {
    const ds = loadMnist();
    expect(ds.train.count).toBe(60000);
    expect(ds.test.count).toBe(10000);
    expect(ds.train.images.length).toBe(60000 * 784);
    expect(Array.from(ds.train.labels.subarray(0, 10))).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    const counts = new Array(10).fill(0);
    ds.test.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });

  it.runIf(existsSync(FMNIST_DEBIAN_DIR))('loads Fashion-MNIST from the Debian package (gzipped IDX)', () => {
    const ds = loadFashionMnist();
    expect(ds.train.count).toBe(60000);
    const counts = new Array(10).fill(0);
    ds.train.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(new Array(10).fill(6000));
  });

  it('rejects corrupt IDX content and a hash mismatch with DATA_CORRUPT naming the file', () => {
    const truncated = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]);
    expect(() => parseIdx(truncated, 'x.idx', 3)).toThrow(
      expect.objectContaining({ code: AppErrorCode.DATA_CORRUPT, value: 'x.idx' }),
    );
    const dir = join(tmp, 'bad-mnist');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'train-images-idx3-ubyte'),
      new Uint8Array([0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]),
    );
    expect(() => loadMnist({ dir })).toThrow(/SHA-256 .* does not match/);
  });

  it('says how to get data that is not present', async () => {
    await expect(loadDataset('cifar10')).rejects.toMatchObject({
      code: AppErrorCode.CONFIG,
      field: 'folder',
    });
    await expect(loadDataset('imagenet')).rejects.toMatchObject({
      code: AppErrorCode.BAD_USER_INPUT,
      field: 'dataset',
    });
  });
});

describe('image folder import', () => {
  it('decodes PNG/JPEG with one numeric-aware class order for all splits and rejects a corrupt file', async () => {
    const root = join(tmp, 'folder');
    const classes = ['1', '2', '10'];
    for (const split of ['train', 'test']) {
      for (const [k, cls] of classes.entries()) {
        mkdirSync(join(root, split, cls), { recursive: true });
        const px = Buffer.alloc(8 * 8 * 3, 40 * (k + 1));
        await sharp(px, { raw: { width: 8, height: 8, channels: 3 } })
          .png()
          .toFile(join(root, split, cls, 'a.png'));
        await sharp(px, { raw: { width: 8, height: 8, channels: 3 } })
          .jpeg()
          .toFile(join(root, split, cls, 'b.jpg'));
      }
    }
    const ds = await loadImageFolder(root, { name: 'toy', shape: [4, 4, 1] });
    expect(ds.classNames).toEqual(['1', '2', '10']);
    expect(ds.train.count).toBe(6);
    expect(ds.train.ids[0]).toBe('toy/train/1/a.png');
    expect(Array.from(ds.test.labels)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(ds.train.images[0]).toBeGreaterThan(30);
    writeFileSync(join(root, 'train', '2', 'broken.png'), 'not a png');
    await expect(loadImageFolder(root, { name: 'toy', shape: [4, 4, 1] })).rejects.toMatchObject({
      code: AppErrorCode.DATA_CORRUPT,
      value: join(root, 'train', '2', 'broken.png'),
    });
  });
});

describe('corrosion_320 (one shape everywhere)', () => {
  it('loads a DAIS-style folder at the shared preset shape 240×320×3 with its 2 classes', async () => {
    const preset = DATASET_PRESETS.corrosion_320!;
    expect(preset.shape).toEqual([240, 320, 3]);
    const root = join(tmp, 'corrosion');
    for (const split of ['train', 'test'])
      for (const cls of preset.classNames) {
        mkdirSync(join(root, split, cls), { recursive: true });
        // DAIS images are 640×480; the preset resizes them to W = 320, H = 240 (nearest neighbour).
        await sharp(Buffer.alloc(640 * 480 * 3, 90), { raw: { width: 640, height: 480, channels: 3 } })
          .png()
          .toFile(join(root, split, cls, 'x.png'));
      }
    const ds = await loadDataset('corrosion_320', { folder: root });
    expect(ds.shape).toEqual(preset.shape);
    expect(ds.classNames).toEqual([...preset.classNames]);
    expect(ds.train.images.length).toBe(2 * 240 * 320 * 3);
  });
});

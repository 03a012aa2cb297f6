import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

import { decodeBmp, isBmp } from './bmp.ts';
import { imageSize, type Dataset, type ImageShape, type LabeledImages } from './types.ts';

const IMAGE_EXT = /\.(png|jpe?g|bmp|gif|webp|tiff?)$/i;

/** Options of `loadImageFolder`. */
export interface ImageFolderOptions {
  /** Dataset name used in sample ids (`<name>/<split>/<class>/<file>`). */
  name: string;
  /** Target (H, W, C); images are resized with nearest neighbour like Keras' `flow_from_directory`. */
  shape: ImageShape;
  /** The class order; default: the union of class folders of all splits, sorted numerically-aware (`2` < `10`). */
  classNames?: string[];
  /** Decode at most this many images in parallel. */
  concurrency?: number;
}

function listDirs(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()) : [];
}

/**
 * Decode one image (a file path, or its encoded bytes) to uint8 H×W×C, resized with nearest
 * neighbour like Keras' `flow_from_directory`; throws DATA_CORRUPT naming `name`.
 */
export async function decodeImage(
  source: string | Uint8Array,
  shape: ImageShape,
  name = typeof source === 'string' ? source : 'image',
): Promise<Uint8Array> {
  const [h, w, c] = shape;
  try {
    const bytes = typeof source === 'string' ? new Uint8Array(await readFile(source)) : source;
    // sharp reads no BMP: decode it here (DATA_CORRUPT names the file) and hand sharp the raw pixels.
    const bmp = isBmp(bytes) ? decodeBmp(bytes, name) : null;
    const input = bmp
      ? sharp(bmp.data, { raw: { width: bmp.width, height: bmp.height, channels: 3 } })
      : sharp(bytes);
    let img = input.resize(w, h, { fit: 'fill', kernel: 'nearest' }).removeAlpha();
    img = c === 1 ? img.toColourspace('b-w') : img.toColourspace('srgb');
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== c) throw new Error(`decoded ${info.channels} channels, expected ${c}`);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(AppErrorCode.DATA_CORRUPT, `${name}: cannot decode image (${(e as Error).message})`, {
      field: 'file',
      value: name,
      cause: e,
    });
  }
}

async function loadSplit(
  root: string,
  split: string,
  o: ImageFolderOptions,
  classNames: string[],
): Promise<LabeledImages | undefined> {
  const dir = join(root, split);
  if (!existsSync(dir)) return undefined;
  const files: { path: string; label: number; id: string }[] = [];
  const present = new Set(listDirs(dir));
  const unknown = [...present].find((cls) => !classNames.includes(cls));
  if (unknown !== undefined)
    throw badInput(
      'classNames',
      classNames,
      `split ${split} has class folder "${unknown}" not in the class list`,
    );
  // Samples in class-list order, files sorted: the same order on every machine.
  for (const [label, cls] of classNames.entries()) {
    if (!present.has(cls)) continue;
    for (const f of readdirSync(join(dir, cls))
      .filter((f) => IMAGE_EXT.test(f))
      .sort()) {
      files.push({ path: join(dir, cls, f), label, id: `${o.name}/${split}/${cls}/${f}` });
    }
  }
  const size = imageSize(o.shape);
  const images = new Uint8Array(files.length * size);
  const labels = Int32Array.from(files, (f) => f.label);
  const step = o.concurrency ?? 8;
  for (let i = 0; i < files.length; i += step) {
    const chunk = await Promise.all(files.slice(i, i + step).map((f) => decodeImage(f.path, o.shape)));
    chunk.forEach((px, k) => images.set(px, (i + k) * size));
  }
  return { images, labels, count: files.length, ids: files.map((f) => f.id) };
}

/** Import `root/{train,val,test}/<class>/<file>` (PNG/JPEG/...) with one class order for all splits. */
export async function loadImageFolder(root: string, options: ImageFolderOptions): Promise<Dataset> {
  if (!existsSync(join(root, 'train')))
    throw badInput('root', root, 'must contain a train/<class>/ folder tree');
  const found = [...new Set(['train', 'val', 'test'].flatMap((s) => listDirs(join(root, s))))];
  const classNames = options.classNames ?? found.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const [train, val, test] = await Promise.all(
    ['train', 'val', 'test'].map((s) => loadSplit(root, s, options, classNames)),
  );
  if (!test) throw badInput('root', root, 'must contain a test/<class>/ folder tree');
  return {
    name: options.name,
    shape: options.shape,
    classNames,
    train: train!,
    ...(val ? { val } : {}),
    test,
  };
}

/** One image file of an importer, its class index and its sample id. */
export interface ImageSample {
  path: string;
  label: number;
  id: string;
}

/**
 * Decode importer samples into arrays, sorted by class then id so that the same files always pack to
 * the same bytes (8 decodes in flight).
 */
export async function decodeSamples(samples: ImageSample[], shape: ImageShape): Promise<LabeledImages> {
  samples.sort((a, b) => a.label - b.label || (a.id < b.id ? -1 : 1));
  const size = imageSize(shape);
  const images = new Uint8Array(samples.length * size);
  for (let i = 0; i < samples.length; i += 8) {
    const chunk = await Promise.all(samples.slice(i, i + 8).map((s) => decodeImage(s.path, shape, s.id)));
    chunk.forEach((px, k) => images.set(px, (i + k) * size));
  }
  return {
    images,
    labels: Int32Array.from(samples, (s) => s.label),
    count: samples.length,
    ids: samples.map((s) => s.id),
  };
}

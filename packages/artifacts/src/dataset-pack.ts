// The dataset pack: the one byte format a registered image dataset travels in, and what its content
// hash is defined over. The CLI builds it from a folder (or a CSV, or a DAIS-style tree) on import,
// the API keeps it content-addressed in the artifact store, runners fetch it by hash into a cache.
//
//   offset 0   8 bytes   "DSTLPK01" (ASCII magic; the 1 is the format version)
//          8   u32 LE    H = length of the header
//         12   H bytes   header: UTF-8 JSON {format, name, shape, classNames, groupNames, counts, ids}
//              4·n bytes labels: u32 LE class index of each sample
//              4·n bytes groups: u32 LE index into groupNames, 0xFFFFFFFF for none
//              n·h·w·c   pixels: uint8 NHWC, exactly what training reads (decoded and resized on import)
//
// Samples are ordered train, then val, then test (counts give the boundaries), each role in class
// order then by file path, so one folder always packs to the same bytes. contentHash = SHA-256 of the
// whole pack: any change to a pixel, a label, a group or a class name changes it.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { groupSpanningRoles, NO_GROUP, type ImageShape } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { z } from 'zod';

/** The header's `format` value of this version. */
export const PACK_FORMAT = 'distillery-dataset-pack/1';
const MAGIC = 'DSTLPK01';
const PREAMBLE = 12;

/** Bounds a pack is read under (hostile bytes never cost more than these). */
export const PACK_LIMITS = {
  maxSamples: 2_000_000,
  maxHeaderBytes: 128 * 1024 * 1024,
  /** Default cap on a whole pack (16 GiB); deployments lower it with DISTILLERY_MAX_DATASET_BYTES. */
  maxPackBytes: 16 * 1024 ** 3,
} as const;

const name = z.string().min(1).max(200);
const headerSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  name,
  shape: z.tuple([
    z.number().int().min(1).max(4096),
    z.number().int().min(1).max(4096),
    z.union([z.literal(1), z.literal(3)]),
  ]),
  classNames: z
    .array(name)
    .min(2)
    .max(10_000)
    .refine((c) => new Set(c).size === c.length, 'class names must be distinct'),
  groupNames: z
    .array(name)
    .max(PACK_LIMITS.maxSamples)
    .refine((g) => new Set(g).size === g.length, 'group names must be distinct'),
  counts: z.strictObject({
    train: z.number().int().min(1).max(PACK_LIMITS.maxSamples),
    val: z.number().int().min(0).max(PACK_LIMITS.maxSamples),
    test: z.number().int().min(0).max(PACK_LIMITS.maxSamples),
  }),
  ids: z.array(z.string().min(1).max(1000)),
});

/** The JSON header of a pack. */
export type PackHeader = z.infer<typeof headerSchema> & { shape: ImageShape };

/** Everything of a pack but its pixels: what the API records and the runner cuts by. */
export interface PackIndex {
  header: PackHeader;
  labels: Uint32Array;
  groups: Uint32Array;
  /** Bytes before the pixels. */
  prefixBytes: number;
  /** Size the whole pack must have. */
  totalBytes: number;
}

/** Samples of a pack in its order (train, val, test). */
export interface PackContent {
  header: Omit<PackHeader, 'format'>;
  labels: ArrayLike<number>;
  groups: ArrayLike<number>;
  /** The pixel blocks, concatenated in order (train, val, test). */
  pixels: readonly Uint8Array[];
}

const sampleCount = (h: Pick<PackHeader, 'counts'>) => h.counts.train + h.counts.val + h.counts.test;
const pixelsOf = (h: Pick<PackHeader, 'shape'>) => h.shape[0] * h.shape[1] * h.shape[2];

function u32Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i]!, true);
  return out;
}

function u32s(bytes: Uint8Array, offset: number, n: number): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, n * 4);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** The roles of a pack's samples as split bytes (0 train, 1 val, 2 test). */
export function packRoles(h: Pick<PackHeader, 'counts'>): Uint8Array {
  const out = new Uint8Array(sampleCount(h));
  out.fill(1, h.counts.train, h.counts.train + h.counts.val);
  out.fill(2, h.counts.train + h.counts.val);
  return out;
}

/** Check an index: labels and groups in range, one id per sample, no group in two roles. */
function checkIndex(index: PackIndex): void {
  const { header: h, labels, groups } = index;
  const n = sampleCount(h);
  if (n > PACK_LIMITS.maxSamples)
    throw badInput('pack', n, `holds more than ${PACK_LIMITS.maxSamples} samples`);
  if (h.ids.length !== n) throw badInput('pack.ids', h.ids.length, `needs one id per sample (${n})`);
  const badLabel = labels.findIndex((l) => l >= h.classNames.length);
  if (badLabel >= 0)
    throw badInput('pack.labels', labels[badLabel], `sample ${h.ids[badLabel]} names no class`);
  const badGroup = groups.findIndex((g) => g !== NO_GROUP && g >= h.groupNames.length);
  if (badGroup >= 0)
    throw badInput('pack.groups', groups[badGroup], `sample ${h.ids[badGroup]} names no group`);
  const span = groupSpanningRoles(packRoles(h), groups);
  if (span) {
    const roles = ['train', 'val', 'test'];
    throw badInput(
      'pack.groups',
      h.groupNames[span.group],
      `group "${h.groupNames[span.group]}" has samples in both ${roles[span.roles[0]]} and ${roles[span.roles[1]]}; one group may sit in one role only`,
    );
  }
}

/** Encode the bytes before the pixels (magic, header, labels, groups). */
export function encodePackPrefix(content: Omit<PackContent, 'pixels'>): Uint8Array {
  const header = headerSchema.parse({ format: PACK_FORMAT, ...content.header });
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pre = new Uint8Array(PREAMBLE);
  pre.set(new TextEncoder().encode(MAGIC));
  new DataView(pre.buffer).setUint32(8, json.length, true);
  const labels = u32Bytes(content.labels);
  const groups = u32Bytes(content.groups);
  const out = new Uint8Array(PREAMBLE + json.length + labels.length + groups.length);
  out.set(pre);
  out.set(json, PREAMBLE);
  out.set(labels, PREAMBLE + json.length);
  out.set(groups, PREAMBLE + json.length + labels.length);
  return out;
}

/**
 * A pack's chunks in order and its content hash; the pixel blocks must add up to n·h·w·c bytes.
 * Chunks are views (nothing is copied), so a caller streams them to a file or an upload.
 */
export function buildPack(content: PackContent): { chunks: Uint8Array[]; sha256: string; sizeBytes: number } {
  const prefix = encodePackPrefix(content);
  const index = parsePackPrefix(prefix);
  if (!index) throw badInput('pack', 'prefix', 'incomplete');
  const pixels = content.pixels.reduce((s, p) => s + p.byteLength, 0);
  if (prefix.byteLength + pixels !== index.totalBytes)
    throw badInput('pack.pixels', pixels, `must be ${index.totalBytes - prefix.byteLength} bytes`);
  const hash = createHash('sha256');
  const chunks = [prefix, ...content.pixels];
  for (const c of chunks) hash.update(c);
  return { chunks, sha256: hash.digest('hex'), sizeBytes: index.totalBytes };
}

/**
 * Parse the prefix of a pack from its first bytes: null while more bytes are needed, the index once
 * the prefix is complete; malformed or out-of-bounds content is refused with BAD_USER_INPUT.
 */
export function parsePackPrefix(bytes: Uint8Array): PackIndex | null {
  if (bytes.byteLength < PREAMBLE) return null;
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw badInput('pack', 'magic', `is not a dataset pack (${MAGIC})`);
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset + 8, 4).getUint32(0, true);
  if (headerBytes > PACK_LIMITS.maxHeaderBytes)
    throw badInput('pack', headerBytes, `header exceeds ${PACK_LIMITS.maxHeaderBytes} bytes`);
  if (bytes.byteLength < PREAMBLE + headerBytes) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + headerBytes)),
    );
  } catch {
    throw badInput('pack', 'header', 'header is not UTF-8 JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`pack.${issue.path.join('.')}`, null, issue.message);
  }
  const header = parsed.data as PackHeader;
  const n = sampleCount(header);
  const prefixBytes = PREAMBLE + headerBytes + 8 * n;
  if (bytes.byteLength < prefixBytes) return null;
  const index: PackIndex = {
    header,
    labels: u32s(bytes, PREAMBLE + headerBytes, n),
    groups: u32s(bytes, PREAMBLE + headerBytes + 4 * n, n),
    prefixBytes,
    totalBytes: prefixBytes + n * pixelsOf(header),
  };
  checkIndex(index);
  return index;
}

/** Read and check a pack's prefix from a stream, then stop reading (the pixels are not fetched). */
export async function readPackIndex(body: Readable): Promise<PackIndex> {
  let parts: Uint8Array[] = [];
  let have = 0;
  // Parse again only once the bytes doubled: linear in the prefix, however small the chunks.
  let next = PREAMBLE;
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      parts.push(chunk);
      have += chunk.byteLength;
      if (have < next) continue;
      const bytes = Buffer.concat(parts);
      parts = [bytes];
      const index = parsePackPrefix(bytes);
      if (index) return index;
      next = have * 2;
    }
    const index = have > 0 ? parsePackPrefix(Buffer.concat(parts)) : null;
    if (index) return index;
  } finally {
    body.destroy();
  }
  throw badInput('pack', `${have} bytes`, 'ends before its header, labels and groups');
}

/** Split a whole pack (verified bytes) into its index and per-role pixel views. */
export function openPack(bytes: Uint8Array): PackIndex & { pixels: Uint8Array } {
  const index = parsePackPrefix(bytes);
  if (!index || bytes.byteLength !== index.totalBytes)
    throw badInput('pack', `${bytes.byteLength} bytes`, `must be ${index?.totalBytes ?? 'longer'} bytes`);
  return { ...index, pixels: bytes.subarray(index.prefixBytes) };
}

// registerDataset for a dataset whose pack was uploaded: the record is read from the stored pack
// (hash-checked on upload), so shape, class order, counts, labels and groups are the bytes' own and
// cannot disagree with what runners will train on. The API reads the prefix only, never the pixels.
import { contentKey, readPackIndex, type PackIndex } from '@distillery/artifacts';
import { DATASET_PRESETS } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { PACK_CONTENT_TYPE } from './pack-upload-route.ts';

/** A stored pack: where it is and what its prefix says. */
export interface StoredPack {
  uri: string;
  index: PackIndex;
}

/** The uploaded pack whose SHA-256 is `contentHash`, or null when none is stored. */
export async function findStoredPack(ctx: Context, contentHash: string): Promise<StoredPack | null> {
  const uri = await ctx.deps.artifacts.find(contentKey(contentHash));
  if (!uri) return null;
  return { uri, index: await readPackIndex(await ctx.deps.artifacts.open(uri)) };
}

/** Fields a caller may also give; each must agree with the pack. */
interface Claimed {
  preset?: string | null | undefined;
  height?: number | null | undefined;
  width?: number | null | undefined;
  channels?: number | null | undefined;
  classNames?: string[] | null | undefined;
  trainCount?: number | null | undefined;
  testCount?: number | null | undefined;
}

const u32Bytes = (values: Uint32Array) => {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i]!, true);
  return out;
};

/** The Dataset columns a pack gives; explicit input that disagrees with it is refused. */
export function packColumns(input: Claimed, pack: StoredPack) {
  const h = pack.index.header;
  const train = h.counts.train;
  const own = {
    height: h.shape[0],
    width: h.shape[1],
    channels: h.shape[2],
    classNames: h.classNames,
    trainCount: train,
    testCount: h.counts.test,
  };
  for (const [k, v] of Object.entries(own) as [keyof typeof own, unknown][]) {
    const claimed = input[k];
    if (claimed !== undefined && claimed !== null && JSON.stringify(claimed) !== JSON.stringify(v))
      throw badInput(`input.${k}`, claimed, `the uploaded pack says ${JSON.stringify(v)}`);
  }
  const preset = input.preset ? DATASET_PRESETS[input.preset] : undefined;
  if (
    preset &&
    (preset.shape.join('x') !== h.shape.join('x') || preset.classNames.length !== h.classNames.length)
  )
    throw badInput(
      'input.preset',
      input.preset,
      `needs ${preset.shape.join('x')} images of ${preset.classNames.length} classes; the pack has ${h.shape.join('x')} and ${h.classNames.length}`,
    );
  const grouped = h.groupNames.length > 0;
  return {
    ...own,
    valCount: h.counts.val,
    sampleLabels: u32Bytes(pack.index.labels.subarray(0, train)),
    sampleGroups: grouped ? u32Bytes(pack.index.groups.subarray(0, train)) : null,
    groupNames: h.groupNames,
  };
}

/** The Artifact row of a dataset's pack. */
export function packArtifact(projectId: string, name: string, contentHash: string, pack: StoredPack) {
  return {
    projectId,
    kind: 'DATASET' as const,
    name: `${name.replace(/[^\w.-]/g, '_')}.pack`,
    uri: pack.uri,
    sha256: contentHash,
    sizeBytes: BigInt(pack.index.totalBytes),
    contentType: PACK_CONTENT_TYPE,
  };
}

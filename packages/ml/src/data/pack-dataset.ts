import { openPack, type PackIndex } from '@distillery/artifacts/dataset-pack';

import type { Dataset, LabeledImages } from './types.ts';

/**
 * The Dataset a verified dataset pack holds (packages/artifacts/src/dataset-pack.ts): views into its
 * pixels (nothing copied), its own val set when it has one. Returns the pack's index beside it.
 */
export function datasetFromPack(bytes: Uint8Array, name: string): { dataset: Dataset; index: PackIndex } {
  const pack = openPack(bytes);
  const h = pack.header;
  const size = h.shape[0] * h.shape[1] * h.shape[2];
  const part = (start: number, count: number): LabeledImages => ({
    images: pack.pixels.subarray(start * size, (start + count) * size),
    labels: Int32Array.from(pack.labels.subarray(start, start + count)),
    count,
    ids: h.ids.slice(start, start + count),
  });
  const { train, val, test } = h.counts;
  const dataset: Dataset = {
    name,
    shape: h.shape,
    classNames: h.classNames,
    train: part(0, train),
    ...(val > 0 ? { val: part(train, val) } : {}),
    test: part(train + val, test),
  };
  return { dataset, index: pack };
}

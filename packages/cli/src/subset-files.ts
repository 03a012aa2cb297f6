// Subsets as the original's files: `subset_<p token>_<uuid>.csv` with `filename,class` rows.
import type { DistilleryClient } from '@distillery/client';
import { SplitDocument, SubsetMembersDocument } from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Dataset } from '@distillery/ml';

import { loadRegistered } from './local-data.ts';

/** A split with its dataset loaded on this machine (sample ids and labels are needed for the CSVs). */
export async function loadSplitData(client: DistilleryClient, splitId: string, token?: string) {
  const { split } = await client.request(SplitDocument, { id: splitId });
  if (!split)
    throw new AppError(AppErrorCode.NOT_FOUND, `split ${splitId} does not exist or is not visible to you`);
  const dataset: Dataset = await loadRegistered(split.dataset, token);
  return { split, dataset };
}

/** Every member index of a subset, paged 10,000 at a time. */
export async function fetchMembers(
  client: DistilleryClient,
  subsetId: string,
  size: number,
): Promise<Uint32Array> {
  const out = new Uint32Array(size);
  for (let offset = 0; offset < size; offset += 10_000) {
    const { subset } = await client.request(SubsetMembersDocument, { id: subsetId, limit: 10_000, offset });
    if (!subset) throw new AppError(AppErrorCode.NOT_FOUND, `subset ${subsetId} does not exist`);
    out.set(subset.memberIndices, offset);
  }
  return out;
}

/** Little-endian uint32 indices as base64 (the API's membersBase64). */
export function membersToBase64(members: Uint32Array): string {
  const bytes = new Uint8Array(members.length * 4);
  const view = new DataView(bytes.buffer);
  members.forEach((m, i) => view.setUint32(i * 4, m, true));
  return Buffer.from(bytes).toString('base64');
}

/** The seed recorded for an imported file: the first 28 bits of its uuid (the original set no seed). */
export function seedFromUuid(uuid: string): number {
  return parseInt(uuid.slice(0, 7), 16);
}

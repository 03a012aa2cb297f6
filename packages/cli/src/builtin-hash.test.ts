// A preset's built-in copy registers without a hash from the caller (the API records the preset's
// builtinContentHash): that hash must be what `datasets import mnist` computes from the same copy.
import { DATASET_PRESET_KEYS, DATASET_PRESETS } from '@distillery/domain';
import { loadDataset } from '@distillery/ml';
import { describe, expect, it } from 'vitest';

import { contentHashOf } from './local-data.ts';

describe('built-in dataset hashes', () => {
  const builtin = DATASET_PRESET_KEYS.filter((k) => DATASET_PRESETS[k]!.offlineCopy);
  it.each(builtin)('%s records the hash of its offline copy', async (key) => {
    expect(contentHashOf(await loadDataset(key))).toBe(DATASET_PRESETS[key]!.builtinContentHash);
  });
});

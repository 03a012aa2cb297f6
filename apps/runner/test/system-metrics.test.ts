import { describe, expect, it } from 'vitest';

import { parseNvidiaSmi } from '../src/system/system-metrics.ts';

describe('GPU metrics', () => {
  it('parse one line per GPU from nvidia-smi', () => {
    expect(parseNvidiaSmi('87, 10240\n3, 512\n')).toEqual({
      'system/gpu0_util_percent': 87,
      'system/gpu0_memory_mb': 10240,
      'system/gpu1_util_percent': 3,
      'system/gpu1_memory_mb': 512,
    });
  });
});

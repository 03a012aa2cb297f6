import * as tf from '@tensorflow/tfjs';
import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { initBackend, parseBackendChoice } from './select-backend.ts';

describe('backend selection', () => {
  it('falls back from tfjs-node(-gpu), which cannot be installed here, to wasm and says why', async () => {
    const r = await initBackend();
    expect(tf.getBackend()).toBe(r.name);
    if (r.name === 'wasm') {
      expect(r.skipped.some((s) => s.startsWith('@tensorflow/tfjs-node-gpu'))).toBe(true);
      expect(r.skipped.some((s) => s.startsWith('@tensorflow/tfjs-node:'))).toBe(true);
      expect(r.projectKernels).toContain('Conv2DBackpropFilter');
    }
  });

  it('honours a forced choice and rejects an unknown one naming the variable', async () => {
    expect((await initBackend({ backend: 'cpu' })).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(parseBackendChoice(undefined)).toBe('auto');
    expect(() => parseBackendChoice('cuda')).toThrow(
      expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'ML_BACKEND', value: 'cuda' }),
    );
  });
});

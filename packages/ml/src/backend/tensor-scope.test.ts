import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from './select-backend.ts';
import { openTensorScope } from './tensor-scope.ts';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('openTensorScope', () => {
  it('disposes the tensors and variables made inside, and reports the tf.keep ones it could not', () => {
    const outside = tf.scalar(1);
    const before = tf.memory().numTensors;
    const scope = openTensorScope();
    tf.ones([4, 4]);
    tf.variable(tf.zeros([3]));
    const kept = tf.keep(tf.scalar(2));
    expect(tf.memory().numTensors).toBeGreaterThan(before + 2);
    expect(scope.close()).toEqual({ leakedTensors: 1 });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(outside.isDisposed).toBe(false);
    kept.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports nothing when the job cleaned up after itself', () => {
    const scope = openTensorScope();
    const t = tf.tidy(() => tf.add(tf.ones([2]), tf.ones([2])));
    t.dispose();
    expect(scope.close()).toEqual({ leakedTensors: 0 });
  });
});

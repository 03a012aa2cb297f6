import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { loadMnist } from '../data/mnist.ts';
import { buildModel } from '../models/build-model.ts';
import { evaluate } from './evaluate.ts';
import { trainModel } from './train-model.ts';

// The original `test` CNN on the full 60k MNIST training set, seeded: ≥ 98 % test accuracy after 3
// epochs (Adam 2e-3 with cosine decay, batch 64; ~40 s on an idle 2-core machine with wasm).
describe('test CNN on MNIST', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'wasm' });
  });

  it('reaches at least 98 % test accuracy in 3 epochs', { timeout: 600_000 }, async () => {
    const mnist = loadMnist();
    const built = buildModel('test', { inputShape: [28, 28, 1], numClasses: 10, seed: 2026 });
    const r = await trainModel(built, {
      train: mnist.train,
      seed: 2026,
      epochs: 3,
      batchSize: 64,
      learningRate: 0.002,
      schedule: { kind: 'cosine', minFactor: 0.02 },
      patience: 0,
    });
    expect(r.status).toBe('completed');
    const test = evaluate(built, mnist.test);
    console.error(
      `test CNN: ${r.history.map((h) => `epoch ${h.epoch} loss ${h.loss.toFixed(4)} ${Math.round(h.samplesPerSec)}/s`).join('; ')}; test accuracy ${test.accuracy}`,
    );
    expect(test.accuracy).toBeGreaterThanOrEqual(0.98);
  });
});

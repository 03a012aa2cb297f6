import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../models/build-model.ts';
import { trainModel } from '../train/train-model.ts';
import { predict } from '../train/evaluate.ts';
import { initBackend, webGpuAdapter } from './select-backend.ts';

// ML_BACKEND=webgpu on GPU hosts: the same seeded model trained a few steps on WebGPU and on the
// reference cpu backend must agree. Runs where Dawn finds an adapter; elsewhere it is skipped and
// its name says why (this CI has no GPU).
const found = await webGpuAdapter();
const reason = 'reason' in found ? found.reason : null;

describe('the opt-in WebGPU backend', () => {
  it.skipIf(reason !== null)(
    `trains like the cpu backend${reason ? ` (skipped: ${reason})` : ''}`,
    { timeout: 300_000 },
    async () => {
      const images = Uint8Array.from({ length: 64 * 784 }, (_, i) => (i * 7919) % 256);
      const labels = Int32Array.from({ length: 64 }, (_, i) => i % 10);
      const train = { images, labels, count: 64, ids: Array.from({ length: 64 }, (_, i) => `s${i}`) };
      const run = async (backend: 'webgpu' | 'cpu') => {
        const report = await initBackend({ backend });
        expect(report.name).toBe(backend);
        const built = buildModel('test', { inputShape: [28, 28, 1], numClasses: 10, seed: 4 });
        const r = await trainModel(built, {
          train,
          seed: 4,
          epochs: 1,
          batchSize: 16,
          learningRate: 1e-3,
          patience: 0,
        });
        const probs = predict(built, train);
        built.model.dispose();
        return { loss: r.history[0]!.loss, probs };
      };
      const gpu = await run('webgpu');
      const cpu = await run('cpu');
      expect(gpu.loss).toBeCloseTo(cpu.loss, 3);
      let worst = 0;
      gpu.probs.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - cpu.probs[i]!))));
      expect(worst).toBeLessThan(1e-3);
      expect(tf.getBackend()).toBe('cpu');
    },
  );
});

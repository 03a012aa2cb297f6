import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend/select-backend.ts';
import { buildModel } from '../src/models/build-model.ts';
import { loadMnist } from '../src/data/mnist.ts';
import { selectSamples } from '../src/data/types.ts';
import { trainModel } from '../src/train/train-model.ts';
await initBackend({ backend: 'wasm' });
const ds = loadMnist({ verify: false });
const train = selectSamples(
  ds.train,
  Array.from({ length: 8192 }, (_, i) => i),
  [28, 28, 1],
);
const key = process.argv[2] ?? 'test';
const built = buildModel(key, { inputShape: [28, 28, 1], numClasses: 10, seed: 7 });
const o = { train, seed: 1, epochs: 1, batchSize: 64, learningRate: 1e-3, patience: 0 };
await trainModel(built, { ...o, stepsPerEpoch: 10 });
const prof = await tf.profile(async () => {
  await trainModel(built, { ...o, stepsPerEpoch: 5 });
});
const agg = new Map<string, number>();
for (const k of prof.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + (k.kernelTimeMs as number));
const tot = [...agg.values()].reduce((a, b) => a + b, 0);
console.log(`kernel ms/step ${(tot / 5).toFixed(1)} kernels/step ${prof.kernels.length / 5}`);
console.log(
  [...agg.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14)
    .map(([n, t]) => `${n} ${(t / 5).toFixed(2)} (${((100 * t) / tot).toFixed(0)}%)`)
    .join('\n'),
);

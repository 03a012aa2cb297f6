// Shared setup of the distillation tests and bench: the wasm backend with the project's kernels,
// a small real MNIST subset, and briefly trained `test`-CNN teachers.
import { initBackend } from '../backend/select-backend.ts';
import { loadMnist } from '../data/mnist.ts';
import { selectSamples, type LabeledImages } from '../data/types.ts';
import { buildModel, type BuiltModel } from '../models/build-model.ts';
import { trainModel } from '../train/train-model.ts';

/** A few hundred real MNIST digits: `train` from the start of the training file, `val` after it. */
export interface MnistSubset {
  train: LabeledImages;
  val: LabeledImages;
}

/** Start the wasm backend and cut an MNIST subset (no SHA check: the loader's own tests do it). */
export async function mnistSubset(trainCount: number, valCount: number): Promise<MnistSubset> {
  await initBackend({ backend: 'wasm' });
  const ds = loadMnist({ verify: false });
  const range = (start: number, n: number) => Array.from({ length: n }, (_, i) => start + i);
  return {
    train: selectSamples(ds.train, range(0, trainCount), ds.shape),
    val: selectSamples(ds.train, range(trainCount, valCount), ds.shape),
  };
}

/** `count` teachers of architecture `key`, each from its own seed, trained `epochs` on `train`. */
export async function trainTeachers(
  key: string,
  count: number,
  train: LabeledImages,
  epochs: number,
  firstSeed = 100,
): Promise<BuiltModel[]> {
  const teachers: BuiltModel[] = [];
  for (let k = 0; k < count; k++) {
    const built = buildModel(key, { inputShape: [28, 28, 1], numClasses: 10, seed: firstSeed + k });
    await trainModel(built, { train, seed: firstSeed + k, epochs, batchSize: 32, learningRate: 0.005 });
    teachers.push(built);
  }
  return teachers;
}

/** Engine options that stop a run after its first epoch; `checkpoint()` returns that epoch's checkpoint. */
export function stopAfterFirstEpoch() {
  const stop = new AbortController();
  let saved: Uint8Array | undefined;
  return {
    options: {
      signal: stop.signal,
      onCheckpoint: (bytes: Uint8Array, epoch: number) => {
        if (epoch === 1) saved = bytes;
      },
      onEpochEnd: (m: { epoch: number }) => {
        if (m.epoch === 1) stop.abort();
      },
    },
    checkpoint: () => saved as Uint8Array,
  };
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { initBackend } from '../backend/select-backend.ts';
import { buildStudent } from '../distill/student.ts';
import { LayerKit } from '../models/layer-kit.ts';
import { buildModel } from '../models/build-model.ts';
import { predictNet } from '../train/train-net.ts';
import { exportEnsemble } from './ensemble-export.ts';
import { exportModel } from './export-model.ts';
import { loadLayersModelFiles, readLayersModelFiles, type ExportFile } from './layers-model.ts';
import { decodeSafetensors } from './safetensors.ts';

const files = (fs: ExportFile[]) => new Map(fs.map((f) => [f.path, f.bytes]));
const shape: [number, number, number] = [8, 8, 1];
const images = (n: number) => Uint8Array.from({ length: n * 64 }, (_, i) => (i * 37) % 256);
const asTensor = (px: Uint8Array, n: number) => tf.tensor4d(Float32Array.from(px), [n, ...shape]);

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol);
}

beforeAll(() => initBackend({ backend: 'cpu' }));

describe('TensorFlow.js LayersModel export', () => {
  it('loads back with tf.loadLayersModel and predicts what the trained model predicts', async () => {
    const built = buildModel('test', { inputShape: shape, numClasses: 3, seed: 5 });
    const out = await exportModel(built, { classNames: ['a', 'b', 'c'], extra: { run_id: 'r1' } });
    expect(out.tfjs.map((f) => f.path)).toEqual(['model.json', 'group1-shard1of1.bin']);
    const json = readLayersModelFiles(files(out.tfjs)).json;
    expect(json.format).toBe('layers-model');
    expect(json.userDefinedMetadata).toMatchObject({ class_names: ['a', 'b', 'c'], run_id: 'r1' });
    const loaded = await loadLayersModelFiles(files(out.tfjs));
    const x = asTensor(images(4), 4);
    close((loaded.predict(x) as tf.Tensor).dataSync(), (built.model.predict(x) as tf.Tensor).dataSync());
  });

  it('exports a mimic_all student as one model whose output is the mean of its heads', async () => {
    const student = buildStudent('test', shape, 3, 9, 3);
    const out = await exportModel(student, { classNames: ['a', 'b', 'c'] });
    const loaded = await loadLayersModelFiles(files(out.tfjs));
    const px = images(5);
    close(
      (loaded.predict(asTensor(px, 5)) as tf.Tensor).dataSync(),
      predictNet(student, { images: px, count: 5 }),
    );
    const st = decodeSafetensors(out.safetensors.bytes);
    expect(st.metadata.output).toBe('mean of the softmax of 3 heads');
    expect(st.tensors.filter((t) => t.name.startsWith('mimic_')).map((t) => t.name)).toEqual([
      'mimic_0/kernel',
      'mimic_0/bias',
      'mimic_1/kernel',
      'mimic_1/bias',
      'mimic_2/kernel',
      'mimic_2/bias',
    ]);
  });

  it('replaces the custom hard activations by built-in layers with the same function', async () => {
    const kit = new LayerKit(3);
    const input = tf.input({ shape: [4] });
    const h = kit.act(kit.dense(input, 6), 'hard_swish');
    const model = tf.model({ inputs: input, outputs: kit.act(kit.dense(h, 2), 'hard_sigmoid') });
    const built = { ...buildModel('test', { inputShape: shape, numClasses: 2, seed: 1 }), model };
    const out = await exportModel(built, { classNames: ['x', 'y'] });
    const text = new TextDecoder().decode(out.tfjs[0]!.bytes);
    expect(text).not.toContain('DistilleryHardActivation');
    const loaded = await loadLayersModelFiles(files(out.tfjs));
    const x = tf.tensor2d([
      [-5, -1, 0, 0.5],
      [1, 2, 3, 4],
      [-3, 3, -0.2, 9],
    ]);
    close((loaded.predict(x) as tf.Tensor).dataSync(), (model.predict(x) as tf.Tensor).dataSync());
  });
});

describe('safetensors export', () => {
  it('holds the same tensors as the LayersModel, and Debian python3 + numpy reads and runs it', async () => {
    const built = buildModel('test', { inputShape: shape, numClasses: 3, seed: 7 });
    const out = await exportModel(built, { classNames: ['ok', 'rust', 'dent'] });
    const st = decodeSafetensors(out.safetensors.bytes);
    const weights = built.model.weights;
    expect(st.tensors.map((t) => t.name)).toEqual(weights.map((w) => w.originalName));
    st.tensors.forEach((t, i) => close(t.values, weights[i]!.read().dataSync()));
    const dir = mkdtempSync(join(tmpdir(), 'safetensors-'));
    writeFileSync(join(dir, 'model.safetensors'), out.safetensors.bytes);
    const px = images(3);
    writeFileSync(join(dir, 'x.f32'), new Uint8Array(Float32Array.from(px).buffer));
    const script = fileURLToPath(new URL('./testdata/forward_test_cnn.py', import.meta.url));
    const py = spawnSync('/usr/bin/python3', [script, join(dir, 'model.safetensors'), join(dir, 'x.f32')], {
      encoding: 'utf8',
    });
    expect(py.stderr).toBe('');
    const res = JSON.parse(py.stdout) as {
      metadata: Record<string, string>;
      tensors: Record<string, number[]>;
      probabilities: number[][];
    };
    expect(JSON.parse(res.metadata.class_names!)).toEqual(['ok', 'rust', 'dent']);
    expect(res.tensors['logits/kernel']).toEqual([256, 3]);
    close(res.probabilities.flat(), (built.model.predict(asTensor(px, 3)) as tf.Tensor).dataSync(), 1e-4);
  });
});

describe('ensemble export', () => {
  it('merges members into one model fusing by the mean, or by the weighted mean', async () => {
    const members = [11, 12, 13].map((seed) =>
      buildModel('test', { inputShape: shape, numClasses: 2, seed }),
    );
    const exported = await Promise.all(members.map((m) => exportModel(m, { classNames: ['a', 'b'] })));
    const inputs = exported.map((e) => ({ ...readLayersModelFiles(files(e.tfjs)), architecture: 'test' }));
    const x = asTensor(images(4), 4);
    const probs = members.map((m) => (m.model.predict(x) as tf.Tensor).dataSync());
    const fuse = (w: number[]) =>
      probs[0]!.map((_, i) => probs.reduce((s, p, k) => s + p[i]! * w[k]!, 0) / w.reduce((a, b) => a + b, 0));
    const mean = await loadLayersModelFiles(files(exportEnsemble(inputs, { classNames: ['a', 'b'] }).tfjs));
    close((mean.predict(x) as tf.Tensor).dataSync(), fuse([1, 1, 1]));
    const weighted = exportEnsemble(inputs, { classNames: ['a', 'b'], weights: [1, 2, 5] });
    const loaded = await loadLayersModelFiles(files(weighted.tfjs));
    close((loaded.predict(x) as tf.Tensor).dataSync(), fuse([1, 2, 5]));
    const names = decodeSafetensors(weighted.safetensors.bytes).tensors.map((t) => t.name);
    expect(names).toContain('m2_logits/kernel');
    expect(names).toHaveLength(3 * members[0]!.model.weights.length);
  });
});

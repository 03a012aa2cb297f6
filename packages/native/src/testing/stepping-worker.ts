// Worker-thread fixture for worker-termination.test.ts: trains a small MLP natively in a tight loop
// (each step is one native call) and says when it is stepping, so the driver can terminate it mid-step.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { loadNative } from '../load-addon.ts';
import { NativeTrainer } from '../native-trainer.ts';

const load = loadNative();
if (!load.ok) throw new Error(load.reason);
const x = tf.input({ shape: [28, 28, 1] });
const hidden = tf.layers.dense({ units: 256, activation: 'relu' }).apply(tf.layers.flatten().apply(x));
const model = tf.model({
  inputs: x,
  outputs: tf.layers.dense({ units: 10 }).apply(hidden) as tf.SymbolicTensor,
});
const trainer = new NativeTrainer(load.addon, model, { kind: 'softmax_ce' });
const batch = 256;
const input = new Uint8Array(batch * 784).map((_, i) => (i * 37) % 251);
const labels = new Int32Array(batch).map((_, i) => i % 10);
for (let step = 0; ; step++) {
  trainer.step(input, labels, 1e-3);
  if (step === 0) parentPort?.postMessage('stepping');
  // A pending terminate() is honoured between steps too; keep steps back to back so most land mid-call.
}

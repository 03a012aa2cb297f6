// `npx tsx bench/profile-native.ts [model] [steps] [cpu] [threads]`: where a native training step's
// time goes. Times N bare native steps (one batch, no JS work) against N steps through runTraining
// (batch gathering, the event-loop yield, the executor), on real MNIST, batch 64. Small enough to run
// under `valgrind --tool=callgrind` (instruction counts do not depend on the machine's load).
import { loadNative, NativeTrainer, type CpuLevel } from '@distillery/native';
import { loadMnist } from '../src/data/mnist.ts';
import { selectSamples } from '../src/data/types.ts';
import { buildModel } from '../src/models/build-model.ts';
import { nativeExecutorFactory } from '../src/train/native-executor.ts';
import { trainModel } from '../src/train/train-model.ts';

const [key = 'test', stepsArg = '200', cpu = 'auto', threadsArg = '0'] = process.argv.slice(2);
const steps = Number(stepsArg);
const threads = Number(threadsArg);
const B = 64;
const ds = loadMnist({ verify: false });
const train = selectSamples(
  ds.train,
  Array.from({ length: 8192 }, (_, i) => i),
  [28, 28, 1],
);
const built = buildModel(key, { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
// PROFILE_ADDON: another build of the addon (compare before/after under the same load).
const addonPath = process.env.PROFILE_ADDON;
const load = loadNative({ cpu: cpu as CpuLevel, ...(addonPath ? { addonPath } : {}) });
if (!load.ok) throw new Error(load.reason);
const trainer = new NativeTrainer(
  load.addon,
  built.logitsModel,
  { kind: 'softmax_ce' },
  threads ? { threads } : {},
);
const images = train.images.subarray(0, B * 784);
const labels = Int32Array.from(train.labels.subarray(0, B));
for (let i = 0; i < 20; i++) trainer.step(images, labels, 1e-3);
let t = performance.now();
let cpu0 = process.cpuUsage();
for (let i = 0; i < steps; i++) trainer.step(images, labels, 1e-3);
const bare = (performance.now() - t) / steps;
const cpuOf = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000 / steps;
const bareCpu = cpuOf(process.cpuUsage(cpu0));
trainer.dispose();
const opts = {
  train,
  seed: 1,
  batchSize: B,
  learningRate: 1e-3,
  patience: 0,
  executors: [
    nativeExecutorFactory({
      cpu: cpu as CpuLevel,
      ...(addonPath ? { addonPath } : {}),
      ...(threads ? { threads } : {}),
    }),
  ],
};
await trainModel(built, { ...opts, epochs: 1, stepsPerEpoch: 20 });
t = performance.now();
cpu0 = process.cpuUsage();
await trainModel(built, { ...opts, epochs: 1, stepsPerEpoch: steps });
const full = (performance.now() - t) / steps;
const fullCpu = cpuOf(process.cpuUsage(cpu0));
console.log(
  JSON.stringify({
    model: key,
    cpu,
    threads: threads || 'auto',
    bareMsPerStep: +bare.toFixed(3),
    fullMsPerStep: +full.toFixed(3),
    jsMsPerStep: +(full - bare).toFixed(3),
    // CPU time per step: on one thread a load-independent proxy for the work (wall time is not).
    bareCpuMsPerStep: +bareCpu.toFixed(3),
    fullCpuMsPerStep: +fullCpu.toFixed(3),
    bareSamplesPerSec: Math.round((B * 1000) / bare),
    fullSamplesPerSec: Math.round((B * 1000) / full),
  }),
);

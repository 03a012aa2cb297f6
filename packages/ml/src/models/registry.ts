import type * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import { denseNet121 } from './densenet.ts';
import { efficientNet } from './efficientnet.ts';
import type { LayerKit } from './layer-kit.ts';
import { mobileNetV3 } from './mobilenet-v3.ts';
import { resnet50V2, resnetSmall } from './resnet.ts';
import { mlp, smallCnn, testCnn } from './simple.ts';

/** Training parameters of an architecture (the original's `config/models.py`, mtkd-method.md §2.1). */
export interface TrainingParams {
  epochs: number;
  learningRate: number;
  batchSize: number;
  patience: number;
  randAugmentN: number;
  randAugmentM: number;
}

/** Body builder: rescaled input → pooled features (the head is added by `buildModel`). */
export type BodyBuilder = (kit: LayerKit, x: tf.SymbolicTensor) => tf.SymbolicTensor;

/** One registry entry. */
export interface ArchitectureSpec {
  key: string;
  name: string;
  family: string;
  description: string;
  trainingParams: TrainingParams;
  /** Smallest input side the backbone supports (Keras refuses < 32 for the big ones). */
  minInputSize: number;
  /** Undefined for parameter-only entries (the original's `resnet50_v2_aug0`). */
  body?: BodyBuilder;
}

const P = (
  epochs: number,
  learningRate: number,
  batchSize: number,
  patience: number,
  n: number,
  m: number,
): TrainingParams => ({
  epochs,
  learningRate,
  batchSize,
  patience,
  randAugmentN: n,
  randAugmentM: m,
});

const SPECS: ArchitectureSpec[] = [
  {
    key: 'test',
    name: 'Test CNN',
    family: 'cnn',
    description: 'The original tiny CNN: Conv2D 16 3×3 same ReLU → MaxPool 2 → Flatten → Dense softmax.',
    trainingParams: P(1, 0.005, 128, 20, 3, 7),
    minInputSize: 2,
    body: testCnn,
  },
  {
    key: 'small-cnn',
    name: 'Small CNN',
    family: 'cnn',
    description:
      'Bench model: Conv 32 → MaxPool → Conv 64 → MaxPool → Dense 128 → Dense softmax (valid padding). Not in the original.',
    trainingParams: P(10, 0.001, 64, 5, 0, 0),
    minInputSize: 10,
    body: smallCnn,
  },
  {
    key: 'mlp',
    name: 'MLP 800-800',
    family: 'mlp',
    description:
      'Bench model: 784-800-800-10 ReLU MLP (Hinton et al. 2015 MNIST student). Not in the original.',
    trainingParams: P(10, 0.001, 64, 5, 0, 0),
    minInputSize: 1,
    body: mlp,
  },
  {
    key: 'resnet_small',
    name: 'ResNet-14 v2 (small)',
    family: 'resnet',
    description:
      'Pre-activation ResNet v2 for 28–32 px: 3 stages × 2 basic blocks (16/32/64), GAP. Not in the original (its Keras backbones refuse < 32 px).',
    trainingParams: P(100, 0.001, 128, 20, 3, 7),
    minInputSize: 8,
    body: resnetSmall,
  },
  {
    key: 'resnet50_v2',
    name: 'ResNet50V2',
    family: 'resnet',
    description: 'Keras ResNet50V2, random init, avg_pool + Dense softmax.',
    trainingParams: P(300, 0.001, 128, 30, 3, 7),
    minInputSize: 32,
    body: resnet50V2,
  },
  {
    key: 'resnet50_v2_aug3',
    name: 'ResNet50V2 (RandAugment m=3)',
    family: 'resnet',
    description: 'ResNet50V2 with RandAugment 3/3.',
    trainingParams: P(300, 0.001, 128, 30, 3, 3),
    minInputSize: 32,
    body: resnet50V2,
  },
  {
    key: 'resnet50_v2_aug0',
    name: 'ResNet50V2 (RandAugment m=0)',
    family: 'resnet',
    description: 'Parameters only in the original (no builder); building it fails as in the original.',
    trainingParams: P(300, 0.001, 128, 30, 3, 0),
    minInputSize: 32,
  },
  {
    key: 'densenet121',
    name: 'DenseNet121',
    family: 'densenet',
    description: 'Keras DenseNet121 (blocks 6/12/24/16, growth 32), random init.',
    trainingParams: P(300, 0.005, 128, 30, 3, 7),
    minInputSize: 32,
    body: denseNet121,
  },
  {
    key: 'efficientnetb0',
    name: 'EfficientNetB0',
    family: 'efficientnet',
    description: 'Keras EfficientNetB0 (MBConv + SE, swish), random init, no stochastic depth or dropout.',
    trainingParams: P(300, 0.001, 64, 30, 3, 7),
    minInputSize: 32,
    body: efficientNet(1.0, 1.0),
  },
  {
    key: 'efficientnetb3',
    name: 'EfficientNetB3',
    family: 'efficientnet',
    description: 'Keras EfficientNetB3 (width 1.2, depth 1.4), random init, no stochastic depth or dropout.',
    trainingParams: P(300, 0.001, 64, 30, 3, 7),
    minInputSize: 32,
    body: efficientNet(1.2, 1.4),
  },
  {
    key: 'mobilenetv3small',
    name: 'MobileNetV3Small',
    family: 'mobilenet',
    description:
      'Keras MobileNetV3Small (hard-swish, SE), random init. Training parameters copied from mobilenetv3large (the original has no entry).',
    trainingParams: P(200, 0.005, 32, 20, 3, 7),
    minInputSize: 32,
    body: mobileNetV3('small'),
  },
  {
    key: 'mobilenetv3large',
    name: 'MobileNetV3Large',
    family: 'mobilenet',
    description: 'Keras MobileNetV3Large (hard-swish, SE), random init.',
    trainingParams: P(200, 0.005, 32, 20, 3, 7),
    minInputSize: 32,
    body: mobileNetV3('large'),
  },
];

const BY_KEY = new Map(SPECS.map((s) => [s.key, s]));

/** The registry entry for `key`; unknown keys throw BAD_USER_INPUT naming the key. */
export function getArchitecture(key: string): ArchitectureSpec {
  const s = BY_KEY.get(key);
  if (!s)
    throw badInput('architecture', key, `unknown architecture; known: ${[...BY_KEY.keys()].join(', ')}`);
  return s;
}

/** Rows for seeding the `Architecture` table (`seedArchitectures` in `@distillery/db/seed`). */
export function listArchitectures(): {
  key: string;
  name: string;
  family: string;
  trainingParams: TrainingParams;
  description: string;
}[] {
  return SPECS.map(({ key, name, family, trainingParams, description }) => ({
    key,
    name,
    family,
    trainingParams: { ...trainingParams },
    description,
  }));
}

/** Keys that can be built (every entry except parameter-only ones); `distinct` keeps one key per network. */
export function buildableArchitectureKeys(options: { distinct?: boolean } = {}): string[] {
  const seen = new Set<BodyBuilder>();
  return SPECS.filter((s) => {
    if (!s.body || (options.distinct && seen.has(s.body))) return false;
    seen.add(s.body);
    return true;
  }).map((s) => s.key);
}

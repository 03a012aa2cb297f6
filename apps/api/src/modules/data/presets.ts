/** Shape, classes and counts of the method's dataset presets (registerDataset fills from these). */
export interface DatasetPreset {
  source: 'MNIST' | 'FASHION_MNIST' | 'PRESET';
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  trainCount: number;
  testCount: number;
}

const digits = Array.from({ length: 10 }, (_, i) => String(i));

/** Presets by key. */
export const DATASET_PRESETS: Record<string, DatasetPreset> = {
  mnist: {
    source: 'MNIST',
    height: 28,
    width: 28,
    channels: 1,
    classNames: digits,
    trainCount: 60_000,
    testCount: 10_000,
  },
  fmnist: {
    source: 'FASHION_MNIST',
    height: 28,
    width: 28,
    channels: 1,
    trainCount: 60_000,
    testCount: 10_000,
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
  },
  emnist: {
    source: 'PRESET',
    height: 28,
    width: 28,
    channels: 1,
    trainCount: 112_800,
    testCount: 18_800,
    classNames: [...digits, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'abdefghnqrt'],
  },
  cifar10: {
    source: 'PRESET',
    height: 32,
    width: 32,
    channels: 3,
    trainCount: 50_000,
    testCount: 10_000,
    classNames: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'],
  },
  cifar100: {
    source: 'PRESET',
    height: 32,
    width: 32,
    channels: 3,
    trainCount: 50_000,
    testCount: 10_000,
    classNames: Array.from({ length: 100 }, (_, i) => `class_${i}`),
  },
  corrosion_320: {
    source: 'PRESET',
    height: 320,
    width: 320,
    channels: 3,
    classNames: ['0', '1', '2'],
    trainCount: 0,
    testCount: 0,
  },
};

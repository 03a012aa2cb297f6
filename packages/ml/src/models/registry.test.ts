import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { buildModel } from './build-model.ts';
import { getArchitecture, listArchitectures } from './registry.ts';

describe('architecture registry', () => {
  it('lists every key the app seeds, with the original training parameters', () => {
    const rows = listArchitectures();
    const keys = rows.map((r) => r.key);
    for (const k of [
      'test',
      'resnet_small',
      'resnet50_v2',
      'resnet50_v2_aug3',
      'densenet121',
      'efficientnetb0',
      'efficientnetb3',
      'mobilenetv3small',
      'mobilenetv3large',
      'small-cnn',
      'mlp',
    ]) {
      expect(keys).toContain(k);
    }
    expect(rows.find((r) => r.key === 'resnet50_v2')!.trainingParams).toEqual({
      epochs: 300,
      learningRate: 0.001,
      batchSize: 128,
      patience: 30,
      randAugmentN: 3,
      randAugmentM: 7,
    });
    expect(rows.find((r) => r.key === 'test')!.trainingParams).toEqual({
      epochs: 1,
      learningRate: 0.005,
      batchSize: 128,
      patience: 20,
      randAugmentN: 3,
      randAugmentM: 7,
    });
    expect(rows.every((r) => r.name && r.family && r.description)).toBe(true);
  });

  it('reports parameters and forward FLOPs (2 per multiply-add of conv/dense layers)', () => {
    const m = buildModel('test', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 });
    expect(m.stats.params).toBe(16 * 9 + 16 + 14 * 14 * 16 * 10 + 10); // 31,530 as in PyTorch
    expect(m.stats.flops).toBe(2 * (28 * 28 * 16 * 9) + 2 * (3136 * 10));
    expect(m.featureModel.outputs[0]!.shape).toEqual([null, 3136]);
    const r = buildModel('resnet50_v2', { inputShape: [32, 32, 3], numClasses: 10, seed: 1 });
    expect(r.stats.params).toBe(23_585_290); // Keras ResNet50V2(weights=None, classes=10)
    expect(r.featureModel.getLayer('avg_pool').outputShape).toEqual([null, 2048]);
  });

  it('builds identical weights for the same seed', () => {
    const a = buildModel('small-cnn', { inputShape: [28, 28, 1], numClasses: 10, seed: 4 })
      .model.getWeights()[0]!
      .dataSync();
    const b = buildModel('small-cnn', { inputShape: [28, 28, 1], numClasses: 10, seed: 4 })
      .model.getWeights()[0]!
      .dataSync();
    const c = buildModel('small-cnn', { inputShape: [28, 28, 1], numClasses: 10, seed: 5 })
      .model.getWeights()[0]!
      .dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('rejects unknown keys, parameter-only keys and bad shapes naming the field', () => {
    expect(() => getArchitecture('vgg16')).toThrow(
      expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'architecture', value: 'vgg16' }),
    );
    expect(() =>
      buildModel('resnet50_v2_aug0', { inputShape: [32, 32, 3], numClasses: 10, seed: 1 }),
    ).toThrow(/no model builder/);
    expect(() => buildModel('densenet121', { inputShape: [28, 28, 1], numClasses: 10, seed: 1 })).toThrow(
      expect.objectContaining({ field: 'inputShape' }),
    );
    expect(() => buildModel('test', { inputShape: [28, 28, 1], numClasses: 1, seed: 1 })).toThrow(
      expect.objectContaining({ field: 'numClasses', value: 1 }),
    );
  });
});

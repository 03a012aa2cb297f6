import { AppErrorCode } from '@distillery/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel, type BuiltModel } from '../models/build-model.ts';
import { distillMimicAll, distillOutputAvg, distillSupernet } from './modes.ts';
import type { DistillOptions } from './options.ts';
import { mnistSubset, type MnistSubset, trainTeachers } from '../testing/mnist-teachers.fixture.ts';

let data: MnistSubset;
let teachers: BuiltModel[];

beforeAll(async () => {
  data = await mnistSubset(256, 64);
  // Two barely trained small-cnn teachers (32/64 filters + dense 128), larger than the `test` student.
  teachers = await trainTeachers('small-cnn', 2, data.train, 1, 300);
});

function options(extra: Partial<DistillOptions>): DistillOptions {
  return {
    teachers,
    student: 'test',
    train: data.train,
    val: data.val,
    seed: 1,
    alpha: 0.5,
    epochs: 1,
    stepsPerEpoch: 2,
    batchSize: 32,
    ...extra,
  };
}

async function expectBadInput(fn: () => Promise<unknown>, field: string, message: RegExp): Promise<void> {
  await expect(fn()).rejects.toMatchObject({
    code: AppErrorCode.BAD_USER_INPUT,
    field,
    message: expect.stringMatching(message),
  });
}

describe('distillation refuses bad input precisely', () => {
  it('N < 2 teachers for a multi-teacher mode', async () => {
    await expectBadInput(
      () => distillOutputAvg(options({ teachers: teachers.slice(0, 1) })),
      'teachers',
      /OUTPUT_AVG needs at least 2 teachers \(got 1\)/,
    );
    await expectBadInput(
      () => distillMimicAll(options({ teachers: [] })),
      'teachers',
      /MIMIC_ALL needs at least 2 teachers/,
    );
  });

  it('α outside [0, 1], missing α, T ≤ 0, and a temperature the original would ignore', async () => {
    await expectBadInput(() => distillOutputAvg(options({ alpha: 1.2 })), 'alpha', /\[0, 1\]/);
    await expectBadInput(() => distillOutputAvg(options({ alpha: undefined })), 'alpha', /needs alpha/);
    await expectBadInput(
      () => distillOutputAvg(options({ temperatureMode: 'HINTON', temperature: 0 })),
      'temperature',
      /> 0/,
    );
    await expectBadInput(
      () => distillOutputAvg(options({ temperature: 4 })),
      'temperature',
      /use temperatureMode HINTON/,
    );
  });

  it('teachers that disagree on classes, an unknown student architecture, data of the wrong shape', async () => {
    const fiveClasses = buildModel('test', { inputShape: [28, 28, 1], numClasses: 5, seed: 9 });
    await expectBadInput(
      () => distillOutputAvg(options({ teachers: [teachers[0] as BuiltModel, fiveClasses] })),
      'teachers[1]',
      /predicts 5 classes, teachers\[0\] predicts 10/,
    );
    await expectBadInput(
      () => distillOutputAvg(options({ student: 'resnet9000' })),
      'architecture',
      /unknown architecture/,
    );
    const wrong = { ...data.train, images: data.train.images.subarray(0, 100) };
    await expectBadInput(
      () => distillOutputAvg(options({ train: wrong })),
      'train.images',
      /must hold 256 images/,
    );
  });

  it('caching teacher outputs while augmenting, and supernet without a validation split', async () => {
    const augment = { jitter: null, randAugmentN: 2, randAugmentM: 5 };
    await expectBadInput(
      () => distillOutputAvg(options({ cacheTeacherOutputs: true, augment })),
      'cacheTeacherOutputs',
      /augmentation off/,
    );
    await expectBadInput(
      () => distillSupernet(options({ val: undefined })),
      'val',
      /SUPERNET trains its aggregator/,
    );
  });
});

describe('student architecture', () => {
  it('a smaller student than the teachers (test CNN from small-cnn teachers) distils in mimic_all', async () => {
    const losses: number[] = [];
    const result = await distillMimicAll(
      options({ stepsPerEpoch: 10, learningRate: 0.005, onStep: (m) => void losses.push(m.loss) }),
    );
    expect(result.student.built.key).toBe('test');
    expect(result.student.built.stats.params).toBeLessThan((teachers[0] as BuiltModel).stats.params);
    expect(result.student.heads).toBe(2);
    expect(losses.slice(-3).reduce((a, b) => a + b, 0)).toBeLessThan(
      losses.slice(0, 3).reduce((a, b) => a + b, 0),
    );
    result.student.dispose();
  });
});

// The DAIS corrosion layout (ZuchniakK/DAISCorrosionDetection `generate_dataset.py`, mtkd-method.md
// §1.6): one folder per inspection named `<aircraft id>_<rest>`, images whose file-name stem ends with
// a five-character damage code. The binary task is ok (0_0_0) against corrosion (every other code);
// the four-class task is none/soft/medium/hard with soft damage (2_0_0) dropped. Train and test are
// split by aircraft, so no aircraft is seen in both; every sample's id carries its aircraft for groups.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { badInput } from '@distillery/errors';

import { decodeSamples, type ImageSample } from './image-folder.ts';
import type { Dataset, ImageShape } from './types.ts';

/** The damage codes of the DAIS file names. */
export const DAIS_CODES = ['0_0_0', '1_0_0', '1_1_0', '1_1_1', '2_0_0'] as const;

/** Class lists and code → class of the two tasks (binary classes sorted, as the preset has them). */
export const DAIS_VARIANTS = {
  2: { classNames: ['corrosion', 'ok'], classOf: (code: string) => (code === '0_0_0' ? 'ok' : 'corrosion') },
  4: {
    classNames: ['none', 'soft', 'medium', 'hard'],
    classOf: (code: string) =>
      ({ '0_0_0': 'none', '1_0_0': 'soft', '1_1_0': 'medium', '1_1_1': 'hard' })[code],
  },
} as const;

/** The regex on a DAIS sample id that names its group (the aircraft). */
export const DAIS_GROUP_PATTERN = '^[^/]+/[^/]+/[^/]+/aircraft-(\\d+)/';

/** Options of `loadDaisFolder`. */
export interface DaisOptions {
  name: string;
  variant: 2 | 4;
  /** Target (H, W, C); the original's `dataset_320` is 240×320×3 (nearest neighbour). */
  shape: ImageShape;
  /** Aircraft ids in train and in test (the original: 2–33 and 34–38; others are left out). */
  trainAircraft: ReadonlySet<number>;
  testAircraft: ReadonlySet<number>;
}

/** What a DAIS import read and what it left out (other codes, aircraft in neither role). */
export interface DaisImport {
  dataset: Dataset;
  skipped: { code: number; aircraft: number };
}

const IMAGE_EXT = /\.(bmp|png|jpe?g|tiff?)$/i;

/** Read a DAIS-style tree into a Dataset whose ids are `<name>/<role>/<class>/aircraft-<id>/<inspection>/<file>`. */
export async function loadDaisFolder(root: string, o: DaisOptions): Promise<DaisImport> {
  const overlap = [...o.trainAircraft].find((a) => o.testAircraft.has(a));
  if (overlap !== undefined)
    throw badInput('testAircraft', overlap, 'an aircraft may be in train or test, not both');
  const variant = DAIS_VARIANTS[o.variant];
  const roles = { train: [] as ImageSample[], test: [] as ImageSample[] };
  const skipped = { code: 0, aircraft: 0 };
  const inspections = readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .sort();
  if (inspections.length === 0)
    throw badInput('root', o.name, 'has no inspection folders (<aircraft id>_<…>/)');
  for (const inspection of inspections) {
    const aircraft = Number(/^(\d+)_/.exec(inspection)?.[1]);
    const role = o.trainAircraft.has(aircraft) ? 'train' : o.testAircraft.has(aircraft) ? 'test' : null;
    for (const file of readdirSync(join(root, inspection))
      .filter((f) => IMAGE_EXT.test(f))
      .sort()) {
      if (!role) {
        skipped.aircraft++;
        continue;
      }
      const code = file.replace(IMAGE_EXT, '').slice(-5);
      const cls = (DAIS_CODES as readonly string[]).includes(code) ? variant.classOf(code) : undefined;
      if (!cls) {
        skipped.code++;
        continue;
      }
      const label = (variant.classNames as readonly string[]).indexOf(cls);
      roles[role].push({
        path: join(root, inspection, file),
        label,
        id: `${o.name}/${role}/${cls}/aircraft-${aircraft}/${inspection}/${file}`,
      });
    }
  }
  const load = (samples: ImageSample[]) => decodeSamples(samples, o.shape);
  if (roles.train.length === 0 || roles.test.length === 0)
    throw badInput(
      'root',
      o.name,
      `needs labelled images of train and test aircraft (train ${roles.train.length}, test ${roles.test.length})`,
    );
  const dataset: Dataset = {
    name: o.name,
    shape: o.shape,
    classNames: [...variant.classNames],
    train: await load(roles.train),
    test: await load(roles.test),
  };
  return { dataset, skipped };
}

// Generated image tasks for the application tests: a smoke-style binary task on camera images
// (smoke = a bright grey plume over the sky, clear = blue sky), grouped by camera.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Prng } from '@distillery/domain';
import sharp from 'sharp';

/** Raw RGB pixels of one `size`×`size` camera frame, with or without smoke. */
export function smokeFrame(size: number, smoke: boolean, rand: () => number): Buffer {
  const px = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      const plume = smoke && Math.hypot(x - size / 2, y - size / 3) < size / 3;
      const n = Math.floor(rand() * 40);
      px[i] = plume ? 180 + n : 40 + n;
      px[i + 1] = plume ? 180 + n : 90 + n;
      px[i + 2] = plume ? 180 + n : 200 + n;
    }
  return px;
}

/** One PNG frame. */
export function smokePng(size: number, smoke: boolean, seed: number): Promise<Buffer> {
  const prng = new Prng(seed);
  return sharp(
    smokeFrame(size, smoke, () => prng.next()),
    { raw: { width: size, height: size, channels: 3 } },
  )
    .png()
    .toBuffer();
}

/**
 * Write `<dir>/{train,test}/{clear,smoke}/cam<k>_<i>.png`: `trainCameras` cameras with `perCamera`
 * frames of each class in train, `testCameras` further cameras in test.
 */
export async function writeSmokeFolder(
  dir: string,
  o: { size: number; trainCameras: number; testCameras: number; perCamera: number },
): Promise<void> {
  let seed = 1;
  for (const [role, first, count] of [
    ['train', 0, o.trainCameras],
    ['test', o.trainCameras, o.testCameras],
  ] as const) {
    for (const cls of ['clear', 'smoke']) {
      mkdirSync(join(dir, role, cls), { recursive: true });
      for (let k = first; k < first + count; k++)
        for (let i = 0; i < o.perCamera; i++)
          await sharp(await smokePng(o.size, cls === 'smoke', seed++)).toFile(
            join(dir, role, cls, `cam${k}_${String(i).padStart(3, '0')}.png`),
          );
    }
  }
}

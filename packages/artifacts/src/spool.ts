import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

import { AppError, AppErrorCode, badInput } from '@distillery/errors';

import type { PutStreamOptions } from './store.ts';

/**
 * Copy `body` into the file `tmp` while hashing and counting it; refuses too-long streams and a
 * hash other than the expected one (the file is removed then). Both stores spool through this, so
 * a half-received upload is never visible under its key.
 */
export async function spoolToFile(
  body: Readable,
  tmp: string,
  options: PutStreamOptions = {},
): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (options.maxBytes !== undefined && size > options.maxBytes)
        return done(badInput('body', `${size} bytes`, `exceeds the limit of ${options.maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tmp));
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const sha256 = hash.digest('hex');
  if (options.expectedSha256 && options.expectedSha256 !== sha256) {
    await rm(tmp, { force: true });
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `received bytes hash to sha256 ${sha256}, not the expected ${options.expectedSha256}`,
      { field: 'sha256', value: options.expectedSha256 },
    );
  }
  return { sha256, sizeBytes: size };
}

import { Transform } from 'node:stream';

import { badInput } from '@distillery/errors';

import { parsePackPrefix, type PackIndex } from './dataset-pack.ts';

/**
 * A pass-through that checks a dataset pack as it streams (an upload): its prefix parses and passes
 * every check, and the stream is exactly as long as the header says. It fails the stream otherwise,
 * so a store spooling through it keeps nothing. `index()` is the parsed prefix once the stream ended.
 */
export function packChecker(): Transform & { index(): PackIndex } {
  let parts: Buffer[] = [];
  let have = 0;
  let next = 12;
  let found: PackIndex | null = null;
  const checker = new Transform({
    transform(chunk: Buffer, _enc, done) {
      have += chunk.length;
      if (!found) {
        parts.push(chunk);
        if (have >= next) {
          const bytes = Buffer.concat(parts);
          parts = [bytes];
          try {
            found = parsePackPrefix(bytes);
          } catch (e) {
            return done(e as Error);
          }
          // Parse again only once the bytes doubled: linear however small the chunks are.
          if (found) parts = [];
          else next = have * 2;
        }
      }
      if (found && have > found.totalBytes)
        return done(badInput('pack', `${have} bytes`, `is longer than its ${found.totalBytes} bytes`));
      done(null, chunk);
    },
    flush(done) {
      if (!found && have > 0) {
        try {
          found = parsePackPrefix(Buffer.concat(parts));
        } catch (e) {
          return done(e as Error);
        }
      }
      if (!found) return done(badInput('pack', `${have} bytes`, 'ends before its header, labels and groups'));
      if (have !== found.totalBytes)
        return done(badInput('pack', `${have} bytes`, `must be ${found.totalBytes} bytes`));
      done();
    },
  });
  return Object.assign(checker, {
    index(): PackIndex {
      if (!found) throw badInput('pack', null, 'was not read yet');
      return found;
    },
  });
}

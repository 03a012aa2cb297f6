import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import type { TestSpecification, Vitest } from 'vitest/node';

import { DURATIONS_FILE, LongestFirstSequencer } from './order-test-files.ts';

const root = '/repo';
const recorded = JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
const [longest, shortest] = [Object.keys(recorded)[0]!, Object.keys(recorded).at(-1)!];

/** A sequencer over a Vitest cache holding `cached` (path → last result). */
function sequencer(cached: Record<string, { duration: number; failed: boolean }> = {}) {
  const ctx = {
    config: { root },
    cache: { getFileTestResults: (key: string) => cached[key.replace(/^:/, '')] },
  } as unknown as Vitest;
  return new LongestFirstSequencer(ctx);
}

const spec = (path: string) => ({ moduleId: join(root, path), project: { name: '' } }) as TestSpecification;
const order = async (s: LongestFirstSequencer, paths: string[]) =>
  (await s.sort(paths.map(spec))).map((f) => f.moduleId.slice(root.length + 1));

describe('the order test files start in', () => {
  it('is longest first by the recorded durations, with files never timed before them', async () => {
    expect(recorded[longest]).toBeGreaterThan(recorded[shortest]!);
    expect(await order(sequencer(), [shortest, 'new/never-timed.test.ts', longest])).toEqual([
      'new/never-timed.test.ts',
      longest,
      shortest,
    ]);
  });

  it("prefers this machine's cached timings and starts last run's failures first", async () => {
    const cached = {
      [shortest]: { duration: 10_000_000, failed: false },
      'b.test.ts': { duration: 1, failed: true },
    };
    expect(await order(sequencer(cached), [longest, 'b.test.ts', shortest])).toEqual([
      'b.test.ts',
      shortest,
      longest,
    ]);
  });
});

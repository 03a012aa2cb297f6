// Extraction of the README's runnable blocks.
import { describe, expect, it } from 'vitest';

import { extractBlocks, stepSeconds, stepsScript } from './readme.ts';

describe('extractBlocks', () => {
  it('returns the fenced blocks of one language between the markers only', () => {
    const md = [
      '```sh',
      'outside',
      '```',
      '<!-- t:begin -->',
      'text',
      '```sh',
      'a=1',
      'echo $a',
      '```',
      '```ts',
      'no',
      '```',
      '```sh',
      'b',
      '```',
      '<!-- t:end -->',
      '```sh',
      'after',
      '```',
    ].join('\n');
    expect(extractBlocks(md, 't', 'sh')).toEqual(['a=1\necho $a\n', 'b\n']);
    expect(() => extractBlocks(md, 'other', 'sh')).toThrow(/no <!-- other:begin -->/);
  });

  it('builds one script with step markers and reads the durations back', () => {
    const script = stepsScript(['true\n', 'false\n']);
    expect(script.split('\n')[0]).toBe('set -eo pipefail');
    expect(script).toContain('echo "::step 2 $(date +%s)" >&2\nfalse');
    expect(stepSeconds('::step 1 100\n::step 2 103\n::done 110\n')).toEqual({ 'step 1': 3, 'step 2': 7 });
  });
});

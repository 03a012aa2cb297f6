// The empty project's first commands are the README tutorial's first step (test/cli/tutorial.test.ts
// runs that step as written), for the signed-in user: the README types the demo password, the
// dashboard leaves it to the CLI's prompt. The sample grid is the small one the button promises.
import { readFileSync } from 'node:fs';

import { gridCounts } from '@distillery/domain';
import { describe, expect, it } from 'vitest';

import { firstCommands, SAMPLE_GRID } from './first-steps.ts';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe('an empty project’s first steps', () => {
  it('shows the tutorial’s first commands', () => {
    const tutorial = readme.slice(readme.indexOf('<!-- tutorial:begin -->'));
    const block = /```sh\n([\s\S]*?)```/.exec(tutorial)![1]!.trim().split('\n');
    expect(block.map((l) => l.replace(' --password distillery', ''))).toEqual(
      firstCommands('demo@distillery.local', 'demo'),
    );
  });

  it('queues a six-run sample: 2 teachers, an ensemble, a student, a baseline and the plan run', () => {
    expect(gridCounts(SAMPLE_GRID)).toEqual({
      teachers: 2,
      ensembles: 1,
      students: 1,
      baselines: 1,
      total: 6,
    });
  });
});

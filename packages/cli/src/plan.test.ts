// Plan validation: every problem reported with its line and column.
import { describe, expect, it } from 'vitest';

import { parsePlan, planToInput } from './plan.ts';

const SPLIT = '0b7c2f6e-3a1d-4e5f-8a9b-0c1d2e3f4a5b';
const VALID = `# the thesis grid, small
name: grid
split: ${SPLIT}
teacherArchitecture: test
studentArchitecture: test
fractions: [0.6, 1.0]
teacherCounts: [2, 3]
modes: [output_avg, MIMIC_ALL]
alphas: [0, 0.5]
repetitions: 2
epochs: 1
temperatureMode: hinton
`;

describe('parsePlan', () => {
  it('accepts a valid YAML plan and maps it to launchExperiment input', () => {
    const r = parsePlan(VALID);
    expect(r.issues).toEqual([]);
    expect(planToInput(r.plan!)).toEqual({
      name: 'grid',
      splitId: SPLIT,
      teacherArchitecture: 'test',
      studentArchitecture: 'test',
      fractions: [0.6, 1],
      teacherCounts: [2, 3],
      modes: ['OUTPUT_AVG', 'MIMIC_ALL'],
      alphas: [0, 0.5],
      repetitions: 2,
      epochs: 1,
      temperatureMode: 'HINTON',
    });
  });

  it('accepts the same plan as JSON', () => {
    const r = parsePlan(
      JSON.stringify(
        {
          name: 'g',
          split: SPLIT,
          teacherArchitecture: 't',
          studentArchitecture: 't',
          fractions: [1],
          teacherCounts: [2],
          modes: ['loss_avg'],
          alphas: [0],
          repetitions: 1,
        },
        null,
        2,
      ),
    );
    expect(r.issues).toEqual([]);
  });

  it('takes the teacher origin and cycles in any case, and refuses unknown origins at their line', () => {
    const r = parsePlan(`${VALID}teacherOrigin: Snapshot\ncycles: 4\n`);
    expect(r.issues).toEqual([]);
    expect(planToInput(r.plan!)).toMatchObject({ teacherOrigin: 'SNAPSHOT', cycles: 4 });
    expect(parsePlan(`${VALID}teacherOrigin: bagged\ncycles: 0\n`).issues).toEqual([
      {
        line: 13,
        col: 16,
        path: 'teacherOrigin',
        message: 'must be one of independent, snapshot, fge (got "bagged")',
      },
      { line: 14, col: 9, path: 'cycles', message: 'must be at least 1' },
    ]);
  });

  it('reports each problem at its line and column', () => {
    const text = VALID.replace('fractions: [0.6, 1.0]', 'fractions: [0.6, 1.5]')
      .replace('modes: [output_avg, MIMIC_ALL]', 'modes: [output_avg, mimic]')
      .replace('epochs: 1', 'epochs: 1\nepoch: 3')
      .replace('repetitions: 2\n', '');
    const r = parsePlan(text);
    expect(r.issues).toEqual([
      { line: 2, col: 1, path: 'repetitions', message: 'is required' }, // the plan's mapping starts after the comment
      { line: 6, col: 18, path: 'fractions[1]', message: 'must be in (0, 1]' },
      {
        line: 8,
        col: 21,
        path: 'modes[1]',
        message: expect.stringMatching(
          /^must be one of output_avg, loss_avg, mimic_all, supernet, supernet2 \(got "mimic"\)$/,
        ),
      },
      { line: 11, col: 1, path: 'epoch', message: 'unknown field "epoch"' },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parsePlan('name: x\nfractions: [0.6\nalphas: 1\n');
    expect(r.plan).toBeUndefined();
    expect(r.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

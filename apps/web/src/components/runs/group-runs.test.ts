import { formatCell, meanSem } from '@distillery/domain';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import type { RunRowFragment } from '../../graphql/generated/graphql.ts';
import { columnDigits, formatValue, type RunColumn } from './columns.ts';
import { digitsByColumn, displayRows } from './display-rows.ts';
import { groupRuns } from './group-runs.ts';
import { runsCsv } from './runs-csv.ts';

const run = (i: number, params: object, summary: object): RunRowFragment => ({
  id: `id-${i}`,
  name: `run, "${i}"`,
  kind: 'STUDENT',
  status: i % 3 === 0 ? 'FAILED' : 'SUCCEEDED',
  tags: [],
  params,
  summary,
  seed: i,
  architectureKey: 'tiny',
  createdAt: `2026-12-01T00:00:0${i}.000Z`,
  finishedAt: null,
  parameterCount: null,
});
const acc: RunColumn = { id: 'summary.acc', label: 'acc', source: 'summary', path: 'acc' };
const mode: RunColumn = { id: 'params.mode', label: 'mode', source: 'params', path: 'mode' };
const runs = [
  run(1, { alpha: 0.5, mode: 'A' }, { acc: 0.81 }),
  run(2, { alpha: 0.25, mode: 'A' }, { acc: 0.8 }),
  run(3, { alpha: 0.5, mode: 'A' }, { acc: 0.9 }),
  run(4, { mode: 'A' }, { acc: 0.7 }),
];

describe('groupRuns', () => {
  it('groups by a param in value order (missing last) with mean (SEM), n cells', () => {
    const groups = groupRuns(runs, 'alpha', [acc, mode]);
    expect(groups.map((g) => [g.label, g.runs.length])).toEqual([
      ['0.25', 1],
      ['0.5', 2],
      ['(none)', 1],
    ]);
    expect(groups[1]!.cells.get('summary.acc')).toEqual(meanSem([0.81, 0.9]));
    expect(groups[1]!.cells.get('params.mode')).toEqual({ same: 'A' });
    expect(groups[1]!.statuses).toEqual({ SUCCEEDED: 1, FAILED: 1 });
  });
});

describe('column precision', () => {
  it('gives a column one precision: the decimals it needs, at most four significant digits', () => {
    expect(columnDigits([0.25, 0.5, 0])).toBe(2);
    expect(columnDigits([0.001, 0.007])).toBe(3);
    expect(columnDigits([0.812345678, 0.9])).toBe(4);
    expect(columnDigits([0.6 + 0.1 * 2, 1])).toBe(1);
    expect(columnDigits([32, 64])).toBe(0);
    expect([0.9, 0.81234].map((v) => formatValue(v, columnDigits([0.9, 0.81234])))).toEqual([
      '0.9000',
      '0.8123',
    ]);
  });
});

describe('runsCsv', () => {
  it('writes the table as shown: groups with aggregated cells, open groups their runs, quoted names', () => {
    const groups = groupRuns(runs, 'alpha', [acc]);
    const rows = displayRows(runs, groups, new Set(['group:0.5']));
    const digits = digitsByColumn(runs, [acc]);
    const table = parse(runsCsv(rows, [acc], digits, 'alpha')) as string[][];
    expect(table[0]).toEqual(['group', 'runs', 'name', 'kind', 'status', 'tags', 'summary.acc', 'created']);
    expect(table[2]).toEqual([
      'alpha = 0.5',
      '2',
      '',
      '',
      '1 succeeded · 1 failed',
      '',
      formatCell(meanSem([0.81, 0.9]), false, 3),
      '',
    ]);
    expect(table[3]!.slice(2, 7)).toEqual(['run, "1"', 'student', 'succeeded', '', '0.81']);
    expect(table).toHaveLength(1 + 3 + 2);
  });
});

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import { comparisonCsv, comparisonRows } from './comparison-rows.ts';
import type { FinalMetrics } from './final-metrics.ts';
import { differingKeys, groupValue, runFacts } from './run-facts.ts';
import type { CompareRun } from './runs-by-ids.ts';

const subset = (id: string, seed: number) => ({ id, label: null, fraction: 0.8, seed, method: 'BERNOULLI' });
const training = { batchSize: 64, augment: true };
const teacher = (id: string, name: string, subsetId: string, seed: number): CompareRun => ({
  id,
  name,
  kind: 'TEACHER',
  status: 'SUCCEEDED',
  tags: [],
  // What trainTeachers stores: the same params for every teacher of one launch.
  params: { architectureKey: 'tiny', fraction: 0.8, origin: 'INDEPENDENT', cycles: 1, epochs: 2, training },
  summary: { test_accuracy: seed === 1 ? 0.9 : 0.92, engine: 'tfjs' },
  seed,
  architectureKey: 'tiny',
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  parameterCount: 100,
  splitId: 'split-0001-x',
  datasetId: 'data-0001-x',
  teacher: { origin: 'INDEPENDENT', fraction: 0.8, subset: subset(subsetId, seed) },
  student: null,
});

describe('runFacts and differingKeys', () => {
  it('tells teachers of one launch apart by subset and seed, though their params are equal', () => {
    const a = teacher('a', 'teacher a', 'subset-aaaa', 1);
    const b = teacher('b', 'teacher b', 'subset-bbbb', 2);
    expect(JSON.stringify(a.params)).toBe(JSON.stringify(b.params));
    const facts = [a, b].map(runFacts);
    expect(differingKeys(facts)).toEqual(['subset', 'seed']);
    expect(facts[0]!.subset).toBe('p=0.8 seed=1 bernoulli · subset-a');
    expect(facts[0]!['params.training.batchSize']).toBe(64);
    expect(facts[0]).not.toHaveProperty('params.fraction');
    expect(groupValue(facts[1]!, 'seed')).toBe(2);
    expect(groupValue(facts[1]!, 'epochs')).toBe(2);
    expect(groupValue(facts[1]!, 'params.cycles')).toBe(1);
  });
});

describe('comparisonRows and comparisonCsv', () => {
  const runs = [teacher('a', 'teacher a', 'subset-aaaa', 1), teacher('b', 'teacher, "b"', 'subset-bbbb', 2)];
  const metrics: FinalMetrics = new Map([
    [
      'a',
      new Map([
        ['val_loss', { final: 0.5, best: 0.4, step: 10 }],
        ['val_accuracy', { final: 0.8, best: 0.85, step: 10 }],
      ]),
    ],
    ['b', new Map([['val_loss', { final: 0.3, best: 0.3, step: 10 }]])],
  ]);
  const rows = comparisonRows(runs, metrics, ['val_accuracy', 'val_loss']);

  it('lists final and best of each key, marks the best (lower for losses) and flags differences', () => {
    const byField = new Map(rows.map((r) => [r.field, r]));
    expect(byField.get('val_loss (best)')).toMatchObject({ values: [0.4, 0.3], differs: true, best: [1] });
    expect(byField.get('val_accuracy (final)')).toMatchObject({ values: [0.8, null], best: [] });
    expect(byField.get('test_accuracy')).toMatchObject({ section: 'summary', best: [1] });
    expect(byField.get('kind')).toMatchObject({ differs: false });
    expect(byField.get('subset')?.differs).toBe(true);
    // Non-numeric summary values are not metrics.
    expect(byField.has('engine')).toBe(false);
  });

  it('writes every row as CSV that parses back to the same values, names quoted', () => {
    const parsed = parse(comparisonCsv(runs, rows), { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([
      'section',
      'field',
      'differs',
      'teacher a (a)',
      'teacher, "b" (b)',
    ]);
    expect(parsed).toHaveLength(rows.length);
    const loss = parsed.find((r) => r.field === 'val_loss (final)')!;
    expect([loss['teacher a (a)'], loss['teacher, "b" (b)'], loss.differs]).toEqual(['0.5', '0.3', 'yes']);
    expect(parsed.find((r) => r.field === 'params.training.augment')!['teacher a (a)']).toBe('true');
  });
});

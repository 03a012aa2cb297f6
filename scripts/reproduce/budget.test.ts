// The converged plan's run counts, read from the very submission code a reproduction runs (a dry
// run), against the counts its specification implies (issue 19), and the budget model on a
// hand-computed run.
import { describe, expect, it } from 'vitest';

import { epochsRun, estimate, planBudget, runSeconds, type BenchFigures } from './budget.ts';
import { CONFIGS } from './config.ts';
import { dryRun, type Launch } from './dry-run.ts';

const count = (ls: Launch[], pred: (l: Launch) => boolean) => ls.filter(pred).reduce((a, l) => a + l.runs, 0);
const tags = (l: Launch) => (l.input.tags as string[]) ?? [];
const has = (l: Launch, t: string) => tags(l).includes(t);

describe('the converged plan', async () => {
  const launches = await dryRun(CONFIGS.converged, (l) => epochsRun(l, 30));

  it('runs both datasets on their whole training sets', () => {
    expect([...new Set(launches.map((l) => `${l.dataset} ${l.trainCount}/${l.valCount}`))]).toEqual([
      'MNIST 48000/12000',
      'Fashion-MNIST 48000/12000',
    ]);
  });

  it('trains 5 teachers per p ∈ {0.6, 0.8, 1} of the test CNN and small-cnn per dataset', () => {
    for (const d of ['MNIST', 'Fashion-MNIST'])
      for (const arch of ['test', 'small-cnn'])
        for (const p of [0.6, 0.8, 1])
          expect(
            count(
              launches,
              (l) =>
                l.dataset === d &&
                l.op === 'TrainTeachers' &&
                has(l, `arch:${arch}`) &&
                has(l, `p:${p}`) &&
                !has(l, 'study:repro'),
            ),
          ).toBe(5);
  });

  it('distils every mode × α × repetition × N × p, supernet(2) at p = 1, Hinton mimic_all, snapshot students', () => {
    const grid = launches.filter((l) => l.op === 'DistillStudent' && has(l, 'study:grid'));
    // 3 p × 4 N × 3 repetitions × 4 α × 3 modes, + 2 supernet modes × 4 N × 3 × 4 at p = 1, per dataset.
    expect(grid.length).toBe(2 * (3 * 4 * 3 * 4 * 3 + 2 * 4 * 3 * 4));
    const cells = new Map<string, number>();
    for (const l of grid) {
      const k = `${l.dataset}|${tags(l)
        .filter((t) => /^(p|N):/.test(t))
        .join('|')}|${String(l.input.mode)}|${String(l.input.alpha)}`;
      cells.set(k, (cells.get(k) ?? 0) + 1);
    }
    expect(new Set(cells.values())).toEqual(new Set([3]));
    expect(new Set(grid.map((l) => l.input.alpha))).toEqual(new Set([0, 0.25, 0.5, 0.75]));
    expect(count(launches, (l) => l.op === 'DistillStudent' && has(l, 'study:hinton'))).toBe(2 * 4 * 3 * 4);
    expect(
      launches.filter((l) => has(l, 'study:hinton')).every((l) => l.input.temperatureMode === 'HINTON'),
    ).toBe(true);
    // 2 origins × 3 seeds × 2 modes × 2 α per dataset, each from all 5 cycle checkpoints.
    const snap = launches.filter((l) => l.op === 'DistillStudent' && has(l, 'study:snapshot'));
    expect(snap.length).toBe(2 * 2 * 3 * 2 * 2);
    expect(snap.every((l) => (l.input.checkpointIds as string[]).length === 5)).toBe(true);
  });

  it('pairs each student with a label-only baseline of its repetition, same architecture and training', () => {
    const baselines = launches.filter((l) => l.op === 'TrainBaseline' && has(l, 'study:grid'));
    expect(baselines.map((l) => `${l.dataset} ${String(l.input.seed)}`)).toEqual([
      'MNIST 0',
      'MNIST 1',
      'MNIST 2',
      'Fashion-MNIST 0',
      'Fashion-MNIST 1',
      'Fashion-MNIST 2',
    ]);
    const student = launches.find((l) => l.op === 'DistillStudent' && has(l, 'study:grid'))!;
    expect(baselines[0]!.input).toMatchObject({
      architectureKey: student.input.architectureKey,
      epochs: student.input.epochs,
      training: student.input.training,
    });
  });

  it('trains every run augmented, ORIGINAL budget, 300-epoch cap, patience 20, best weights', () => {
    const trained = launches.filter((l) => l.op !== 'EvaluateEnsemble');
    for (const l of trained) {
      expect(l.input.training).toEqual({
        augment: true,
        epochBudget: 'ORIGINAL',
        patience: 20,
        restoreBest: 'ALWAYS',
      });
      if (!l.input.cycles) expect(l.input.epochs).toBe(300);
    }
  });

  it('fuses every grid draw and second-architecture ensemble under both tie conventions', () => {
    const ens = launches.filter((l) => l.op === 'EvaluateEnsemble' && !has(l, 'study:snapshot'));
    const byTies = (t: string) => ens.filter((l) => l.input.ties === t && has(l, `ties:${t}`)).length;
    expect(byTies('PRINCIPLED')).toBe(byTies('ORIGINAL'));
    expect(byTies('PRINCIPLED') + byTies('ORIGINAL')).toBe(ens.length);
    // small-cnn: N = 2..5 of each p's five teachers, per dataset.
    expect(ens.filter((l) => has(l, 'arch:small-cnn') && l.input.ties === 'ORIGINAL').length).toBe(2 * 3 * 4);
  });

  it('sizes the snapshot/FGE runs at equal cost: 5 cycles of the converged teachers’ epochs', () => {
    const cyclic = launches.filter((l) => l.op === 'TrainTeachers' && l.input.cycles);
    expect(cyclic.map((l) => [l.input.origin, l.input.cycles, l.input.epochs, l.runs])).toEqual([
      ['SNAPSHOT', 5, 5 * 50, 3],
      ['FGE', 5, 5 * 50, 3],
      ['SNAPSHOT', 5, 5 * 50, 3],
      ['FGE', 5, 5 * 50, 3],
    ]);
  });
});

describe('the other configurations', () => {
  it('full submits the 523 runs its published section of docs/results.md was generated from', async () => {
    const launches = await dryRun(CONFIGS.full, (l) => epochsRun(l, 30));
    expect(launches.reduce((a, l) => a + l.runs, 0)).toBe(523);
    // As published: raw images, one pass over each run's own samples per epoch.
    for (const l of launches.filter((x) => x.op !== 'EvaluateEnsemble'))
      expect(l.input.training).toMatchObject({ augment: false, epochBudget: 'PER_SUBSET' });
  });
});

describe('the budget model', () => {
  const bench: BenchFigures = {
    train: { test: 1000 },
    infer: { test: 500 },
    augment: { test: 2000 },
    runOverheadSec: 10,
    source: 'test',
  };
  const student: Launch = {
    op: 'DistillStudent',
    input: {
      architectureKey: 'test',
      teacherIds: ['a', 'b'],
      epochs: 300,
      training: { augment: true, epochBudget: 'ORIGINAL', patience: 20, restoreBest: 'ALWAYS' },
    },
    dataset: 'D',
    trainCount: 1000,
    valCount: 200,
    testCount: 300,
    runs: 1,
  };

  it('prices a live distillation by hand', () => {
    expect(epochsRun(student, 30)).toBe(50);
    expect(epochsRun(student, 290)).toBe(300);
    // per epoch: 1000/1000 train + 1000/2000 augment + 2 × 1000/500 teachers + 200/500 val = 5.9 s;
    // 50 epochs + final test/val predictions (500/500) + 10 s start-up.
    expect(runSeconds(student, 50, bench)).toBeCloseTo(10 + 50 * 5.9 + 1, 9);
    // Without augmentation the teachers run once over train + val and the batches are not augmented.
    const raw = { ...student, input: { ...student.input, training: { augment: false, patience: 20 } } };
    expect(runSeconds(raw, 50, bench)).toBeCloseTo(10 + (2 * 1200) / 500 + 50 * 1.4 + 1, 9);
    expect(estimate([student, { ...student, runs: 2 }], [30], bench)).toEqual([
      { dataset: 'D', kind: 'student', runs: 3, hours: [(3 * (10 + 50 * 5.9 + 1)) / 3600] },
    ]);
  });

  it('grows with the assumed best epoch and covers every run of the plan', async () => {
    const rows = await planBudget(CONFIGS.converged, [10, 30]);
    const launches = await dryRun(CONFIGS.converged, (l) => epochsRun(l, 30));
    expect(rows.reduce((a, r) => a + r.runs, 0)).toBe(launches.reduce((a, l) => a + l.runs, 0));
    for (const r of rows) expect(r.hours[1]!).toBeGreaterThanOrEqual(r.hours[0]!);
  });
});

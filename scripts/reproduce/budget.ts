// The wall-clock budget of a configuration, estimated before anything runs (`--plan-only`): every
// launch the plan submits (dry-run.ts) priced with bench throughputs of this machine. Converged runs
// stop at an epoch nobody knows in advance, so the estimate is given for assumed epochs of the best
// validation loss; the stop comes `patience` epochs later, capped at the plan's epoch cap.
import type { ReproConfig } from './config.ts';
import { dryRun, type Launch } from './dry-run.ts';
import { table } from './markdown.ts';

/** Throughputs of the machine, in samples per second of the whole machine (one job at a time). */
export interface BenchFigures {
  /** Training steps (forward + backward + Adam), native engine, batch 64. */
  train: Record<string, number>;
  /** Inference (validation, test predictions, a live distillation's teachers: tfjs-wasm). */
  infer: Record<string, number>;
  /** Augmentation of training batches (dataset jitter + the architecture's RandAugment), images per CPU-second; it runs on the training thread between steps. */
  augment: Record<string, number>;
  /** Per-run start-up, loading and saving, seconds. */
  runOverheadSec: number;
  /** Where the figures come from. */
  source: string;
}

/**
 * Idle bench figures of 2026-12-02 (native engine, samples/s, batch 64): test CNN ≈ 30–35k train,
 * small-cnn ≈ 9.5–10k, mlp ≈ 33k; wasm inference of the test CNN ≈ 23k/s. small-cnn inference is
 * not benched and is scaled from the test CNN's by the training ratio. Augmentation was timed in
 * CPU-seconds (load-independent) on 4 × 4096 MNIST images: RandAugment 3/7 + jitter ≈ 11k images/s
 * (the test CNN's policy), jitter alone ≈ 51k (small-cnn has RandAugment 0/0).
 */
export const IDLE_BENCH: BenchFigures = {
  train: { test: 32_500, 'small-cnn': 9_750, mlp: 33_000 },
  infer: { test: 23_000, 'small-cnn': 23_000 * (9_750 / 32_500), mlp: 23_000 },
  augment: { test: 11_000, 'small-cnn': 51_000, mlp: 51_000 },
  runOverheadSec: 10,
  source:
    'idle bench 2026-12-02: native train test 32.5k/s, small-cnn 9.75k/s, mlp 33k/s; wasm inference test 23k/s (small-cnn scaled 6.9k/s); augmentation 11k (RandAugment 3/7 + jitter) / 51k (jitter) images per CPU-second',
};

/** The kind of run a launch makes. */
export function kindOf(l: Launch): 'teacher' | 'snapshot/FGE teacher' | 'student' | 'baseline' | 'ensemble' {
  if (l.op === 'TrainTeachers') return Number(l.input.cycles ?? 1) > 1 ? 'snapshot/FGE teacher' : 'teacher';
  if (l.op === 'DistillStudent') return 'student';
  if (l.op === 'TrainBaseline') return 'baseline';
  return 'ensemble';
}

interface Training {
  augment?: boolean;
  epochBudget?: string;
  patience?: number | null;
}

/** Epochs a launch's runs train when the validation loss is best at epoch `bestEpoch`. */
export function epochsRun(l: Launch, bestEpoch: number): number {
  const cap = Number(l.input.epochs ?? 1);
  const patience = (l.input.training as Training | undefined)?.patience;
  // Cyclic runs keep every cycle (no early stop); no patience named = the architecture's, unknown here.
  if (kindOf(l) === 'snapshot/FGE teacher' || !patience) return cap;
  return Math.min(cap, bestEpoch + patience);
}

/** Estimated seconds of one run of the launch. */
export function runSeconds(l: Launch, epochs: number, b: BenchFigures = IDLE_BENCH): number {
  const kind = kindOf(l);
  if (kind === 'ensemble') return b.runOverheadSec;
  const arch = String(l.input.architectureKey);
  const rate = (m: Record<string, number>) => {
    // No bench figure for the architecture: the run is left unpriced (NaN), not guessed.
    return m[arch] ?? Number.NaN;
  };
  const t = (l.input.training ?? {}) as Training;
  const p = Number(
    ((l.input.tags as string[] | undefined) ?? []).find((x) => x.startsWith('p:'))?.slice(2) ?? 1,
  );
  const perSubset = kind === 'teacher' && t.epochBudget === 'PER_SUBSET' && l.input.subsetIds !== undefined;
  const samples = perSubset ? Math.round(p * l.trainCount) : l.trainCount;
  const members =
    kind === 'student'
      ? ((l.input.teacherIds as string[] | undefined) ?? (l.input.checkpointIds as string[])).length
      : 0;
  // A live (augmented) distillation runs its teachers on every batch; without augmentation the runner caches their outputs once.
  const teacherPerEpoch = t.augment ? (members * samples) / rate(b.infer) : 0;
  const teacherOnce = t.augment ? 0 : (members * (samples + l.valCount)) / rate(b.infer);
  const perEpoch =
    samples / rate(b.train) +
    (t.augment ? samples / rate(b.augment) : 0) +
    teacherPerEpoch +
    l.valCount / rate(b.infer);
  return b.runOverheadSec + teacherOnce + epochs * perEpoch + (l.testCount + l.valCount) / rate(b.infer);
}

/** Run counts and estimated machine-hours by dataset and kind, for each assumed best epoch. */
export interface BudgetRow {
  dataset: string;
  kind: string;
  runs: number;
  hours: number[];
}

/** The budget of a list of launches for each assumed best epoch. */
export function estimate(
  launches: Launch[],
  bestEpochs: number[],
  b: BenchFigures = IDLE_BENCH,
): BudgetRow[] {
  const rows = new Map<string, BudgetRow>();
  for (const l of launches) {
    const key = `${l.dataset}|${kindOf(l)}`;
    const row = rows.get(key) ?? {
      dataset: l.dataset,
      kind: kindOf(l),
      runs: 0,
      hours: bestEpochs.map(() => 0),
    };
    row.runs += l.runs;
    bestEpochs.forEach((e, i) => (row.hours[i]! += (l.runs * runSeconds(l, epochsRun(l, e), b)) / 3600));
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** The estimate as a markdown table with a total row. */
export function budgetTable(rows: BudgetRow[], bestEpochs: number[]): string {
  const total = {
    runs: rows.reduce((a, r) => a + r.runs, 0),
    hours: bestEpochs.map((_, i) =>
      rows.reduce((a, r) => a + (Number.isFinite(r.hours[i]) ? r.hours[i]! : 0), 0),
    ),
  };
  const unpriced = rows.some((r) => r.hours.some((x) => !Number.isFinite(x)));
  const h = (x: number) =>
    !Number.isFinite(x) ? '– (no bench figure)' : x < 10 ? x.toFixed(1) : x.toFixed(0);
  return table(
    ['dataset', 'kind', 'runs', ...bestEpochs.map((e) => `hours if best epoch ${e}`)],
    [
      ...rows.map((r) => [r.dataset, r.kind, String(r.runs), ...r.hours.map(h)]),
      [
        unpriced ? '**total of the priced runs**' : '**total**',
        '',
        `**${total.runs}**`,
        ...total.hours.map((x) => `**${h(x)}**`),
      ],
    ],
  );
}

/** The plan's budget for each assumed best epoch (snapshot runs are sized by the teachers' stop, so each scenario is its own dry run). */
export async function planBudget(
  config: ReproConfig,
  bestEpochs: number[],
  b: BenchFigures = IDLE_BENCH,
): Promise<BudgetRow[]> {
  const merged = new Map<string, BudgetRow>();
  for (const [i, e] of bestEpochs.entries()) {
    const launches = await dryRun(config, (l) => epochsRun(l, e));
    for (const r of estimate(launches, [e], b)) {
      const key = `${r.dataset}|${r.kind}`;
      const row = merged.get(key) ?? { ...r, hours: bestEpochs.map(() => Number.NaN) };
      row.hours[i] = r.hours[0]!;
      merged.set(key, row);
    }
  }
  return [...merged.values()];
}

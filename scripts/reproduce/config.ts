// What the reproduction runs: the method's experiments (mtkd-method.md §1–4) sized for a 2-core CPU.
// `full` is what docs/results.md publishes; `tiny` checks the whole pipeline in CI in a few minutes.
import type { DistillMode, FusionRule } from '@distillery/domain';

/** Teachers of one architecture: `perFraction` seeded subsets (and teachers) per fraction p. */
export interface TeacherPlan {
  arch: string;
  epochs: number;
  fractions: number[];
  perFraction: number;
}

/** Students of the first teacher plan's teachers, the thesis grid: N × p × mode, α cycled over repetitions. */
export interface StudentPlan {
  arch: string;
  epochs: number;
  modes: DistillMode[];
  /** Repetition r uses alphas[r % alphas.length] and its own seeded draw of N teachers (shared by every mode). */
  alphas: number[];
  repetitions: number;
  teacherCounts: number[];
  fractions: number[];
  /** Extra modes run only at p = 1 (e.g. SUPERNET), same draws and α. */
  extraModesAtFull: DistillMode[];
  /** mimic_all again with Hinton's softened KD at this temperature, at p = 1. */
  hintonTemperature: number | null;
  baselines: number;
}

/** Many weak members (the Voting repository's MNIST setting) to see where Borda meets averaging. */
export interface SizeStudyPlan {
  arch: string;
  epochs: number;
  fraction: number;
  members: number;
  sizes: number[];
  draws: number;
  rules: FusionRule[];
}

/** Snapshot/FGE teachers (one run, `cycles` checkpoints) against independent ones at equal cost. */
export interface SnapshotPlan {
  arch: string;
  epochsPerCycle: number;
  cycles: number;
  seeds: number[];
}

/** Everything run on one dataset. */
export interface DatasetPlan {
  /** The CLI's `datasets import` source. */
  source: 'mnist' | 'fashion-mnist';
  label: string;
  /** Share of the training set the split uses (the compute budget); the 10,000 test images stay whole. */
  useFraction: number;
  valFraction: number;
  splitSeed: number;
  teachers: TeacherPlan[];
  students: StudentPlan | null;
  sizeStudy: SizeStudyPlan | null;
  snapshot: SnapshotPlan | null;
  reproducibility: boolean;
}

/** A whole reproduction. */
export interface ReproConfig {
  name: 'full' | 'tiny';
  datasets: DatasetPlan[];
}

const VOTING_RULES: FusionRule[] = ['plurality', 'borda', 'stv', 'copeland', 'mean'];
const THESIS_MODES: DistillMode[] = ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL'];
const ALPHAS = [0, 0.25, 0.5, 0.75];

const mnistFull: DatasetPlan = {
  source: 'mnist',
  label: 'MNIST',
  useFraction: 0.2,
  valFraction: 0.2,
  splitSeed: 1,
  teachers: [
    { arch: 'test', epochs: 2, fractions: [0.6, 0.8, 1], perFraction: 5 },
    { arch: 'resnet_small', epochs: 1, fractions: [0.6, 0.8, 1], perFraction: 3 },
  ],
  students: {
    arch: 'test',
    epochs: 2,
    modes: THESIS_MODES,
    alphas: ALPHAS,
    repetitions: 4,
    teacherCounts: [2, 3, 4, 5],
    fractions: [0.6, 0.8, 1],
    extraModesAtFull: ['SUPERNET'],
    hintonTemperature: 4,
    baselines: 4,
  },
  sizeStudy: {
    arch: 'test',
    epochs: 5,
    fraction: 0.03,
    members: 25,
    sizes: [1, 3, 5, 10, 15, 20, 25],
    draws: 5,
    rules: VOTING_RULES,
  },
  snapshot: { arch: 'test', epochsPerCycle: 2, cycles: 5, seeds: [0, 1] },
  reproducibility: true,
};

const fashionFull: DatasetPlan = {
  source: 'fashion-mnist',
  label: 'Fashion-MNIST',
  useFraction: 0.2,
  valFraction: 0.2,
  splitSeed: 1,
  teachers: [{ arch: 'test', epochs: 2, fractions: [0.6, 0.8, 1], perFraction: 5 }],
  students: {
    arch: 'test',
    epochs: 2,
    modes: THESIS_MODES,
    alphas: ALPHAS,
    repetitions: 4,
    teacherCounts: [2, 3, 4, 5],
    fractions: [0.6, 0.8, 1],
    extraModesAtFull: [],
    hintonTemperature: null,
    baselines: 4,
  },
  sizeStudy: null,
  snapshot: null,
  reproducibility: false,
};

/** CI: every kind of run once or twice, on 2 % of MNIST, one or two epochs each. */
const tiny: ReproConfig = {
  name: 'tiny',
  datasets: [
    {
      source: 'mnist',
      label: 'MNIST',
      useFraction: 0.02,
      valFraction: 0.2,
      splitSeed: 1,
      teachers: [{ arch: 'test', epochs: 2, fractions: [0.6, 1], perFraction: 3 }],
      students: {
        arch: 'test',
        epochs: 1,
        modes: ['OUTPUT_AVG', 'MIMIC_ALL'],
        alphas: [0, 0.5],
        repetitions: 2,
        teacherCounts: [2, 3],
        fractions: [1],
        extraModesAtFull: ['SUPERNET'],
        hintonTemperature: 4,
        baselines: 2,
      },
      sizeStudy: {
        arch: 'test',
        epochs: 2,
        fraction: 0.2,
        members: 4,
        sizes: [1, 2, 4],
        draws: 2,
        rules: VOTING_RULES,
      },
      snapshot: { arch: 'test', epochsPerCycle: 2, cycles: 2, seeds: [0] },
      reproducibility: true,
    },
  ],
};

/** The configurations by name. */
export const CONFIGS: Record<ReproConfig['name'], ReproConfig> = {
  full: { name: 'full', datasets: [mnistFull, fashionFull] },
  tiny,
};

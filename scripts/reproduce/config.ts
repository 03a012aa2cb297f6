// What the reproduction runs: the method's experiments (mtkd-method.md §1–4) on a 2-core CPU.
// `converged` is the regime the method assumes (issue 19: full training sets, augmented teachers and
// students trained to early-stopping convergence) and leads docs/results.md; `full` is the earlier
// short-budget run (2 epochs on 20 % of the data, raw images), kept as its second section; `tiny`
// checks the whole pipeline in CI in a few minutes.
import {
  METHOD_TRAINING,
  type DistillMode,
  type FusionRule,
  type TieConvention,
  type TrainingOptions,
} from '@distillery/domain';

/** How a plan's runs train: sent as the launch's `training` input (issue 22's switches). */
export type TrainingPlan = TrainingOptions;

/** Teachers of one architecture: `perFraction` seeded subsets (and teachers) per fraction p. */
export interface TeacherPlan {
  arch: string;
  /** The epoch cap (early stopping may end a run sooner). */
  epochs: number;
  fractions: number[];
  perFraction: number;
  training: TrainingPlan;
  /** Label-only baselines of this architecture (seeds 0…) for teacher plans after the first (the grid has its own). */
  baselines: number;
}

/** Students of the first teacher plan's teachers, the thesis grid: N × p × mode, α cycled over repetitions. */
export interface StudentPlan {
  arch: string;
  epochs: number;
  modes: DistillMode[];
  /**
   * `cycled` (the thesis): repetition r uses alphas[r % alphas.length]; `crossed`: every repetition
   * runs every α. Either way repetition r has its own seeded draw of N teachers and seed r, shared by
   * every mode and α, so students pair by (p, N, repetition).
   */
  alphaDesign: 'cycled' | 'crossed';
  alphas: number[];
  repetitions: number;
  teacherCounts: number[];
  fractions: number[];
  /** Extra modes run only at p = 1 (e.g. SUPERNET), same draws and α. */
  extraModesAtFull: DistillMode[];
  /** mimic_all again with Hinton's softened KD at this temperature, at p = 1. */
  hintonTemperature: number | null;
  baselines: number;
  training: TrainingPlan;
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
  /**
   * Epochs per cycle; `matched` = the mean epochs the grid's p = 1 teachers ran to their early stop
   * (known once they finished), so `cycles` checkpoints cost what as many converged teachers cost.
   */
  epochsPerCycle: number | 'matched';
  cycles: number;
  seeds: number[];
  training: TrainingPlan;
  /** Students distilled from all `cycles` checkpoints of each run (seed = the run's index), or none. */
  students: { modes: DistillMode[]; alphas: number[] } | null;
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
  /** Tie conventions every ensemble is evaluated under (one evaluation run each). */
  ties: TieConvention[];
}

/** A whole reproduction. */
export interface ReproConfig {
  name: 'converged' | 'full' | 'tiny';
  /** What the section of docs/results.md is called. */
  title: string;
  datasets: DatasetPlan[];
}

const VOTING_RULES: FusionRule[] = ['plurality', 'borda', 'stv', 'copeland', 'mean'];
const THESIS_MODES: DistillMode[] = ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL'];
const ALPHAS = [0, 0.25, 0.5, 0.75];
/** How `full` trained when it was published: raw images, one pass over each run's own samples per epoch. */
const SHORT: TrainingPlan = {
  augment: false,
  epochBudget: 'PER_SUBSET',
  patience: null,
  restoreBest: 'ALWAYS',
};

const mnistFull: DatasetPlan = {
  source: 'mnist',
  label: 'MNIST',
  useFraction: 0.2,
  valFraction: 0.2,
  splitSeed: 1,
  teachers: [
    { arch: 'test', epochs: 2, fractions: [0.6, 0.8, 1], perFraction: 5, training: SHORT, baselines: 0 },
    {
      arch: 'resnet_small',
      epochs: 1,
      fractions: [0.6, 0.8, 1],
      perFraction: 3,
      training: SHORT,
      baselines: 0,
    },
  ],
  students: {
    arch: 'test',
    epochs: 2,
    modes: THESIS_MODES,
    alphaDesign: 'cycled',
    alphas: ALPHAS,
    repetitions: 4,
    teacherCounts: [2, 3, 4, 5],
    fractions: [0.6, 0.8, 1],
    extraModesAtFull: ['SUPERNET'],
    hintonTemperature: 4,
    baselines: 4,
    training: SHORT,
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
  snapshot: {
    arch: 'test',
    epochsPerCycle: 2,
    cycles: 5,
    seeds: [0, 1],
    training: SHORT,
    students: null,
  },
  reproducibility: true,
  ties: ['PRINCIPLED'],
};

const fashionFull: DatasetPlan = {
  source: 'fashion-mnist',
  label: 'Fashion-MNIST',
  useFraction: 0.2,
  valFraction: 0.2,
  splitSeed: 1,
  teachers: [
    { arch: 'test', epochs: 2, fractions: [0.6, 0.8, 1], perFraction: 5, training: SHORT, baselines: 0 },
  ],
  students: {
    arch: 'test',
    epochs: 2,
    modes: THESIS_MODES,
    alphaDesign: 'cycled',
    alphas: ALPHAS,
    repetitions: 4,
    teacherCounts: [2, 3, 4, 5],
    fractions: [0.6, 0.8, 1],
    extraModesAtFull: [],
    hintonTemperature: null,
    baselines: 4,
    training: SHORT,
  },
  sizeStudy: null,
  snapshot: null,
  reproducibility: false,
  ties: ['PRINCIPLED'],
};

/**
 * The converged regime (issue 19): whole training sets; teachers, students and baselines augmented
 * (dataset jitter + RandAugment), ORIGINAL epoch budget, capped at the thesis' 300 epochs and stopped
 * early on the validation loss with the original's patience for the `test` CNN (20; small-cnn is not
 * in the original and gets the same), ending with the best epoch's weights.
 */
function convergedPlan(source: DatasetPlan['source'], label: string, splitSeed: number): DatasetPlan {
  const training: TrainingPlan = {
    augment: true,
    epochBudget: 'ORIGINAL',
    patience: CONVERGED_PATIENCE,
    restoreBest: 'ALWAYS',
  };
  return {
    source,
    label,
    useFraction: 1,
    valFraction: 0.2,
    splitSeed,
    teachers: [
      { arch: 'test', epochs: EPOCH_CAP, fractions: [0.6, 0.8, 1], perFraction: 5, training, baselines: 0 },
      {
        arch: 'small-cnn',
        epochs: EPOCH_CAP,
        fractions: [0.6, 0.8, 1],
        perFraction: 5,
        training,
        baselines: 3,
      },
    ],
    students: {
      arch: 'test',
      epochs: EPOCH_CAP,
      modes: THESIS_MODES,
      alphaDesign: 'crossed',
      alphas: ALPHAS,
      repetitions: 3,
      teacherCounts: [2, 3, 4, 5],
      fractions: [0.6, 0.8, 1],
      extraModesAtFull: ['SUPERNET', 'SUPERNET2'],
      hintonTemperature: 4,
      baselines: 3,
      training,
    },
    sizeStudy: null,
    snapshot: {
      arch: 'test',
      epochsPerCycle: 'matched',
      cycles: 5,
      seeds: [0, 1, 2],
      training,
      students: { modes: ['OUTPUT_AVG', 'MIMIC_ALL'], alphas: [0, 0.5] },
    },
    reproducibility: true,
    ties: ['PRINCIPLED', 'ORIGINAL'],
  };
}

/** The original's epoch cap for its real architectures (config/models.py: ResNet50V2 & co., 300). */
const EPOCH_CAP = 300;
/** The original's early-stopping patience of the `test` CNN (config/models.py). */
const CONVERGED_PATIENCE = 20;

/** tiny trains the method's way (what it did before the switches were passed) so CI exercises them. */
const TINY: TrainingPlan = METHOD_TRAINING;

/** CI: every kind of run once or twice, on 2 % of MNIST, one or two epochs each. */
const tiny: ReproConfig = {
  name: 'tiny',
  title: 'Pipeline check (config `tiny`)',
  datasets: [
    {
      source: 'mnist',
      label: 'MNIST',
      useFraction: 0.02,
      valFraction: 0.2,
      splitSeed: 1,
      teachers: [
        { arch: 'test', epochs: 2, fractions: [0.6, 1], perFraction: 3, training: TINY, baselines: 0 },
      ],
      students: {
        arch: 'test',
        epochs: 1,
        modes: ['OUTPUT_AVG', 'MIMIC_ALL'],
        alphaDesign: 'cycled',
        alphas: [0, 0.5],
        repetitions: 2,
        teacherCounts: [2, 3],
        fractions: [1],
        extraModesAtFull: ['SUPERNET'],
        hintonTemperature: 4,
        baselines: 2,
        training: TINY,
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
      snapshot: {
        arch: 'test',
        epochsPerCycle: 2,
        cycles: 2,
        seeds: [0],
        training: TINY,
        students: { modes: ['MIMIC_ALL'], alphas: [0] },
      },
      reproducibility: true,
      ties: ['PRINCIPLED', 'ORIGINAL'],
    },
  ],
};

/** The configurations by name. */
export const CONFIGS: Record<ReproConfig['name'], ReproConfig> = {
  converged: {
    name: 'converged',
    title: 'Converged regime (config `converged`, issue 19)',
    datasets: [convergedPlan('mnist', 'MNIST', 3), convergedPlan('fashion-mnist', 'Fashion-MNIST', 4)],
  },
  full: {
    name: 'full',
    title: 'Previous results: short budget (config `full`: 2 epochs on 20 % of the data, raw images)',
    datasets: [mnistFull, fashionFull],
  },
  tiny,
};

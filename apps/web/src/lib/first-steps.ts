// An empty project's next steps: the README tutorial's first commands (test/first-steps.test.ts
// checks them against the README) and the one-click sample experiment's plan.
import { DistillMode, EpochBudget } from '@distillery/graphql-schema/enums';
import type { LaunchExperimentInput } from '@distillery/graphql-schema/types';

/** The tutorial's first step for this user and project (the CLI asks for the password). */
export function firstCommands(email: string, projectSlug: string): string[] {
  return [
    `npx distillery login --email ${email} --project ${projectSlug}`,
    'npx distillery datasets import mnist --per-class 200',
  ];
}

/** The sample's dataset: MNIST's built-in copy, registered by preset (no hash to type). */
export const SAMPLE_DATASET = { name: 'sample-mnist', preset: 'mnist' } as const;

/** The sample's split: 2 % of MNIST's training set (about 960 train, 240 val), so every run takes seconds. */
export const SAMPLE_SPLIT = { seed: 0, valFraction: 0.2, testFraction: 0, useFraction: 0.02 } as const;

/**
 * The sample grid: 2 teachers on p = 0.8 subsets, their mean ensemble, one mimic_all student and a
 * baseline of the `test` CNN for 2 epochs without augmentation — about a minute on one CPU runner.
 */
export const SAMPLE_GRID = {
  name: 'sample experiment',
  teacherArchitecture: 'test',
  studentArchitecture: 'test',
  teacherCounts: [2],
  fractions: [0.8],
  modes: [DistillMode.MimicAll],
  alphas: [0.5],
  repetitions: 1,
  epochs: 2,
  includeBaselines: true,
  training: { augment: false, epochBudget: EpochBudget.PerSubset },
} satisfies Omit<LaunchExperimentInput, 'splitId'>;

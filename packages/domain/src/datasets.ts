import { z } from 'zod';

/** Where a registered dataset's images come from (the Prisma `DatasetSource` enum). */
export const DATASET_SOURCES = ['MNIST', 'FASHION_MNIST', 'FOLDER', 'PRESET'] as const;
/** A dataset source. */
export type DatasetSource = (typeof DATASET_SOURCES)[number];
/** zod schema of a dataset source. */
export const datasetSourceSchema = z.enum(DATASET_SOURCES);

/**
 * How a split assigns the training samples to train/val/test (the Prisma and GraphQL `SplitMethod`
 * enums): BERNOULLI one draw per sample (the original's rule), STRATIFIED exact counts per class,
 * GROUP whole groups (an aircraft, a camera) per role, stratified within groups where possible.
 * STRATIFIED and GROUP are computed by the platform from the labels and groups recorded at import.
 */
export const SPLIT_METHODS = ['BERNOULLI', 'STRATIFIED', 'GROUP'] as const;
/** A split method. */
export type SplitMethod = (typeof SPLIT_METHODS)[number];
/** One line per split method (printed into the GraphQL enum, shown by forms). */
export const SPLIT_METHOD_DOCS: Readonly<Record<SplitMethod, string>> = {
  BERNOULLI: "Each sample independently (the original's rule, seeded).",
  STRATIFIED:
    'Exactly round(n_c · fraction) of each class to val and test, from the labels recorded at import.',
  GROUP:
    'Whole groups (an aircraft, a camera) per role, never one group in two roles; stratified within groups where possible.',
};
/** zod schema of a split method. */
export const splitMethodSchema = z.enum(SPLIT_METHODS);

/** How a subset's members are drawn from a split's training samples (the Prisma `SubsetMethod` enum). */
export const SUBSET_METHODS = ['BERNOULLI', 'STRATIFIED_EXACT', 'BOOTSTRAP'] as const;
/** A subset method. */
export type SubsetMethod = (typeof SUBSET_METHODS)[number];

/** The roles a split gives samples (the Prisma `SplitRole` enum). */
export const SPLIT_ROLES = ['TRAIN', 'VAL', 'TEST'] as const;
/** A split role. */
export type SplitRole = (typeof SPLIT_ROLES)[number];

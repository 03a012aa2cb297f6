import { z } from 'zod';

/** Where a registered dataset's images come from (the Prisma `DatasetSource` enum). */
export const DATASET_SOURCES = ['MNIST', 'FASHION_MNIST', 'FOLDER', 'PRESET'] as const;
/** A dataset source. */
export type DatasetSource = (typeof DATASET_SOURCES)[number];
/** zod schema of a dataset source. */
export const datasetSourceSchema = z.enum(DATASET_SOURCES);

/** How a split assigns the training samples to train/val/test (the Prisma `SplitMethod` enum). */
export const SPLIT_METHODS = ['BERNOULLI', 'STRATIFIED'] as const;
/** A split method. */
export type SplitMethod = (typeof SPLIT_METHODS)[number];

/** How a subset's members are drawn from a split's training samples (the Prisma `SubsetMethod` enum). */
export const SUBSET_METHODS = ['BERNOULLI', 'STRATIFIED_EXACT', 'BOOTSTRAP'] as const;
/** A subset method. */
export type SubsetMethod = (typeof SUBSET_METHODS)[number];

/** The roles a split gives samples (the Prisma `SplitRole` enum). */
export const SPLIT_ROLES = ['TRAIN', 'VAL', 'TEST'] as const;
/** A split role. */
export type SplitRole = (typeof SPLIT_ROLES)[number];

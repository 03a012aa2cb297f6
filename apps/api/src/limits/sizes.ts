import { badInput } from '@distillery/errors';

/**
 * Sizes an input may imply. A dataset's sample count decides the split's bytes (one per sample) and
 * each subset's (four per member), so bounding it and the subsets per call bounds every row and
 * every request: 2M samples cover ImageNet-1k (1.28M) and EMNIST ByClass (698k).
 */
export const SIZE_LIMITS = {
  maxSamples: 2_000_000,
  maxSubsetsPerCall: 2_000,
  /** Member bytes one generateSubsets or launchExperiment call may write (64 MiB). */
  maxSubsetBytesPerCall: 64 * 1024 * 1024,
  /** Serialized size of one JSON argument (run params, summaries, plans, augmentation). */
  maxJsonBytes: 256 * 1024,
} as const;

/** Expected member bytes of subsets of `fractions` of `trainCount` samples, `perFraction` of each. */
export function subsetBytes(trainCount: number, fractions: readonly number[], perFraction: number): number {
  return fractions.reduce((sum, p) => sum + Math.ceil(p * trainCount) * 4 * perFraction, 0);
}

/** Refuse a call whose subsets would write more than maxSubsetBytesPerCall. */
export function checkSubsetBytes(field: string, bytes: number): void {
  if (bytes > SIZE_LIMITS.maxSubsetBytesPerCall)
    throw badInput(
      field,
      `${Math.round(bytes / 1048576)} MiB of members`,
      `one call may write at most ${SIZE_LIMITS.maxSubsetBytesPerCall / 1048576} MiB of subset members; split it into several calls`,
    );
}

/** Let other requests run between slices of long CPU work (sampling, counting). */
export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

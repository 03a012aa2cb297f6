import { AppError, AppErrorCode } from '@distillery/errors';

import type { ImageShape } from '../data/types.ts';
import { decodeCheckpoint } from '../train/checkpoint.ts';
import { buildStudent, restoreStudentWeights, type StudentNet } from './student.ts';

/**
 * The network stored in a FINAL checkpoint of any training run: a teacher or baseline (meta `key`),
 * or a student (meta `key` and `heads`; mimic_all has N heads). The seed is irrelevant: every
 * weight comes from the checkpoint. Predict with `predictStudent` (the head mean).
 */
export function netFromCheckpoint(bytes: Uint8Array, inputShape: ImageShape, numClasses: number): StudentNet {
  const cp = decodeCheckpoint<{ key?: unknown; heads?: unknown }>(bytes);
  const key = cp.meta.key;
  const weights = cp.groups.model;
  if (typeof key !== 'string' || !weights)
    throw new AppError(AppErrorCode.DATA_CORRUPT, 'checkpoint: no architecture key or model weights', {
      field: 'checkpoint',
    });
  const heads = typeof cp.meta.heads === 'number' && cp.meta.heads > 1 ? cp.meta.heads : 1;
  const net = buildStudent(key, inputShape, numClasses, 0, heads);
  restoreStudentWeights(net, weights);
  return net;
}

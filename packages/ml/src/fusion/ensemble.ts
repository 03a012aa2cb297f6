import { badInput } from '@distillery/errors';

/** One member's stored predictions: a samples × classes probability matrix, row-major. */
export interface MemberPredictions {
  /** Display name (model id, checkpoint name). */
  name: string;
  /**
   * Identity of the evaluated samples, e.g. `mnist/test` or a hash of the sample ids. Fusion is only
   * meaningful when every member scored the same samples in the same order, so members must agree.
   */
  split: string;
  /** Softmax outputs, `samples * classes` values, row `s` = sample `s`. */
  probabilities: Float32Array;
}

/** Arguments of {@link createEnsemble}. */
export interface EnsembleArgs {
  members: readonly MemberPredictions[];
  /** True class per sample (length = samples). */
  labels: ArrayLike<number>;
  classes: number;
  /** Allowed |row sum − 1| (default 1e-3): catches logits or unnormalised scores stored by mistake. */
  sumTolerance?: number;
}

/** A validated set of members that scored the same samples: the input of every fusion rule. */
export interface Ensemble {
  readonly names: readonly string[];
  readonly split: string;
  /** One `samples * classes` matrix per member (shared, never copied). */
  readonly probabilities: readonly Float32Array[];
  readonly labels: Int32Array;
  readonly models: number;
  readonly samples: number;
  readonly classes: number;
}

/**
 * Validate stored prediction matrices and build an {@link Ensemble}: same split, same shape, finite
 * non-negative rows summing to 1, labels in range. Throws a BAD_USER_INPUT AppError naming the member.
 */
export function createEnsemble(args: EnsembleArgs): Ensemble {
  const { members, labels, classes } = args;
  const tolerance = args.sumTolerance ?? 1e-3;
  if (!Number.isInteger(classes) || classes < 2) throw badInput('classes', classes, 'must be an integer ≥ 2');
  if (members.length < 1) throw badInput('members', members, 'need at least one member');
  const samples = labels.length;
  if (samples < 1) throw badInput('labels', labels, 'need at least one sample');
  const first = members[0] as MemberPredictions;
  members.forEach((m, i) => {
    if (m.split !== first.split) {
      throw badInput(
        `members[${i}].split`,
        m.split,
        `member "${m.name}" was evaluated on a different split than members[0] ("${first.split}"); fusion needs the same samples in the same order`,
      );
    }
    if (m.probabilities.length !== samples * classes) {
      throw badInput(
        `members[${i}].probabilities`,
        m.probabilities.length,
        `member "${m.name}" has ${m.probabilities.length} values, expected samples × classes = ${samples} × ${classes} = ${samples * classes}`,
      );
    }
    checkRows(m.probabilities, classes, tolerance, `members[${i}].probabilities`);
  });
  const labelArray = Int32Array.from(labels);
  for (let s = 0; s < samples; s++) {
    const y = labelArray[s] as number;
    if (!(y >= 0 && y < classes) || labelArray[s] !== labels[s]) {
      throw badInput(`labels[${s}]`, labels[s], `must be an integer class index in [0, ${classes - 1}]`);
    }
  }
  return {
    names: members.map((m) => m.name),
    split: first.split,
    probabilities: members.map((m) => m.probabilities),
    labels: labelArray,
    models: members.length,
    samples,
    classes,
  };
}

function checkRows(p: Float32Array, classes: number, tolerance: number, field: string): void {
  for (let off = 0; off < p.length; off += classes) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = p[off + c] as number;
      // `!(v >= 0)` is also true for NaN.
      if (!(v >= 0) || v === Infinity) {
        throw badInput(
          `${field}[${off + c}]`,
          v,
          `probability of sample ${off / classes}, class ${c} must be finite and ≥ 0`,
        );
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > tolerance) {
      throw badInput(
        `${field}[${off}..${off + classes - 1}]`,
        sum,
        `row of sample ${off / classes} must sum to 1 (±${tolerance})`,
      );
    }
  }
}

/** The sub-ensemble of the given member indices (no copy, no re-validation). */
export function selectMembers(ensemble: Ensemble, indices: readonly number[]): Ensemble {
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= ensemble.models)
      throw badInput('indices', i, `must be a member index in [0, ${ensemble.models - 1}]`);
  }
  return {
    ...ensemble,
    names: indices.map((i) => ensemble.names[i] as string),
    probabilities: indices.map((i) => ensemble.probabilities[i] as Float32Array),
    models: indices.length,
  };
}

/** Split a packed `models × samples × classes` array into member views (no copy). */
export function unpackMembers(
  packed: Float32Array,
  models: number,
  classes: number,
  split: string,
): MemberPredictions[] {
  if (!Number.isInteger(models) || models < 1 || packed.length % (models * classes) !== 0) {
    throw badInput(
      'packed',
      packed.length,
      `length must be a multiple of models × classes = ${models} × ${classes}`,
    );
  }
  const size = packed.length / models;
  return Array.from({ length: models }, (_, m) => ({
    name: `member-${m}`,
    split,
    probabilities: packed.subarray(m * size, (m + 1) * size),
  }));
}

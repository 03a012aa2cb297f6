/**
 * Learned stacking (Wolpert, "Stacked generalization", Neural Networks 5, 1992): one softmax layer on
 * the concatenated member outputs, the method's `supernet` aggregator (ZuchniakK/MTKD
 * `distillation/train.py`: Dense(C, softmax) on N·C teacher logits, trained on labels with CE, ≤ 50
 * epochs, early stopping patience 5, best weights restored). Pure TypeScript so fusion needs no tfjs
 * backend; fit it on a validation split and apply it to the test split.
 */
import { badInput } from '@distillery/errors';
import type { Ensemble } from './ensemble.ts';
import { Prng } from '@distillery/domain';
import { finish, LOG_EPSILON, type ScoreFusion } from './score-rules.ts';

/** Options of {@link fitStacking}. */
export interface StackingArgs {
  /** `log-probabilities` (default): log p is a logit vector, as the original's supernet reads logits. */
  features?: 'log-probabilities' | 'probabilities';
  maxEpochs?: number;
  patience?: number;
  /**
   * An epoch counts as an improvement only if the held-out loss drops by more than this (default
   * 1e-4; Keras' EarlyStopping default, which the original used, is 0 and lets a converged layer
   * run all 50 epochs for gains in the fifth decimal).
   */
  minDelta?: number;
  batchSize?: number;
  learningRate?: number;
  /** Share of the fit ensemble's samples held out for early stopping (default 0.2). */
  holdout?: number;
  seed?: number;
}

/** A fitted stacking layer: logits = x·W + b over F = members × classes features. */
export interface StackingModel {
  features: 'log-probabilities' | 'probabilities';
  /** Member names in input order: the layer only makes sense on the same members in the same order. */
  names: readonly string[];
  models: number;
  classes: number;
  /** Row-major F × C. */
  weights: Float32Array;
  bias: Float32Array;
  epochs: number;
  bestHoldoutLoss: number;
}

/**
 * Fit the stacking layer by mini-batch Adam on cross-entropy, early-stopped on a held-out share.
 * Initialised to the geometric-mean rule (W = identity blocks / M), so training starts from a sound
 * fused model and early stopping can only keep or improve on it. Cost per epoch O(S·M·C²).
 */
export function fitStacking(ensemble: Ensemble, args: StackingArgs = {}): StackingModel {
  const features = args.features ?? 'log-probabilities';
  const maxEpochs = args.maxEpochs ?? 50;
  const patience = args.patience ?? 5;
  const minDelta = args.minDelta ?? 1e-4;
  const batchSize = args.batchSize ?? 256;
  const lr = args.learningRate ?? 0.01;
  const holdout = args.holdout ?? 0.2;
  if (!(holdout > 0 && holdout < 1)) throw badInput('holdout', holdout, 'must be in (0, 1)');
  if (!(Number.isInteger(maxEpochs) && maxEpochs >= 1))
    throw badInput('maxEpochs', maxEpochs, 'must be an integer ≥ 1');
  if (!(Number.isInteger(batchSize) && batchSize >= 1))
    throw badInput('batchSize', batchSize, 'must be an integer ≥ 1');
  if (!(lr > 0)) throw badInput('learningRate', lr, 'must be > 0');
  const { models: M, classes: C, samples: S } = ensemble;
  const F = M * C;
  const x = featureMatrix(ensemble, features);
  const random = new Prng(args.seed ?? 0);
  const order = random.permutation(S);
  const nHold = Math.max(1, Math.round(S * holdout));
  const held = order.slice(0, nHold);
  const train = order.slice(nHold);
  if (train.length === 0)
    throw badInput('ensemble.samples', S, 'too few samples to hold some out for early stopping');

  const W = new Float32Array(F * C);
  for (let m = 0; m < M; m++) for (let c = 0; c < C; c++) W[(m * C + c) * C + c] = 1 / M;
  const b = new Float32Array(C);
  const adam = createAdam(W.length + C, lr);
  const gW = new Float32Array(W.length);
  const gb = new Float32Array(C);
  const logits = new Float64Array(C);

  let best = holdoutLoss(x, ensemble.labels, held, W, b, F, C, logits);
  let bestW = W.slice();
  let bestB = b.slice();
  let sinceBest = 0;
  let epochs = 0;
  for (let epoch = 0; epoch < maxEpochs && sinceBest < patience; epoch++) {
    epochs++;
    random.shuffle(train);
    for (let start = 0; start < train.length; start += batchSize) {
      const end = Math.min(train.length, start + batchSize);
      gW.fill(0);
      gb.fill(0);
      for (let i = start; i < end; i++) {
        const s = train[i] as number;
        softmaxRow(x, s * F, W, b, F, C, logits);
        // dCE/dz = p − onehot(y), averaged over the batch.
        logits[ensemble.labels[s] as number] = (logits[ensemble.labels[s] as number] as number) - 1;
        const inv = 1 / (end - start);
        for (let k = 0; k < C; k++) {
          const g = (logits[k] as number) * inv;
          logits[k] = g;
          gb[k] = (gb[k] as number) + g;
        }
        const off = s * F;
        for (let f = 0, row = 0; f < F; f++, row += C) {
          const xf = x[off + f] as number;
          for (let k = 0; k < C; k++) gW[row + k] = (gW[row + k] as number) + xf * (logits[k] as number);
        }
      }
      adam(W, gW, 0);
      adam(b, gb, W.length);
    }
    const loss = holdoutLoss(x, ensemble.labels, held, W, b, F, C, logits);
    if (loss < best - minDelta) {
      best = loss;
      bestW = W.slice();
      bestB = b.slice();
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  }
  return {
    features,
    names: ensemble.names,
    models: M,
    classes: C,
    weights: bestW,
    bias: bestB,
    epochs,
    bestHoldoutLoss: best,
  };
}

/** Fused probabilities of a fitted stacking layer on an ensemble of the same members. */
export function applyStacking(model: StackingModel, ensemble: Ensemble): ScoreFusion {
  if (model.models !== ensemble.models || model.classes !== ensemble.classes) {
    throw badInput(
      'ensemble',
      `${ensemble.models} members × ${ensemble.classes} classes`,
      `the stacking layer was fitted on ${model.models} members × ${model.classes} classes`,
    );
  }
  const mismatch = ensemble.names.findIndex((name, i) => name !== model.names[i]);
  if (mismatch >= 0) {
    throw badInput(
      `ensemble.names[${mismatch}]`,
      ensemble.names[mismatch],
      `the stacking layer was fitted with "${model.names[mismatch]}" in this position`,
    );
  }
  const { samples: S, classes: C } = ensemble;
  const F = model.models * C;
  const x = featureMatrix(ensemble, model.features);
  const out = new Float32Array(S * C);
  const row = new Float64Array(C);
  for (let s = 0; s < S; s++) {
    softmaxRow(x, s * F, model.weights, model.bias, F, C, row);
    for (let k = 0; k < C; k++) out[s * C + k] = row[k] as number;
  }
  return finish(ensemble, out);
}

function featureMatrix(ensemble: Ensemble, features: StackingModel['features']): Float32Array {
  const { models: M, classes: C, samples: S } = ensemble;
  const F = M * C;
  const x = new Float32Array(S * F);
  ensemble.probabilities.forEach((p, m) => {
    for (let s = 0; s < S; s++) {
      for (let c = 0; c < C; c++) {
        const v = p[s * C + c] as number;
        x[s * F + m * C + c] = features === 'probabilities' ? v : Math.log(Math.max(v, LOG_EPSILON));
      }
    }
  });
  return x;
}

/** out = softmax(x[off..off+F) · W + b). */
function softmaxRow(
  x: Float32Array,
  off: number,
  W: Float32Array,
  b: Float32Array,
  F: number,
  C: number,
  out: Float64Array,
): void {
  for (let k = 0; k < C; k++) out[k] = b[k] as number;
  for (let f = 0; f < F; f++) {
    const xf = x[off + f] as number;
    if (xf === 0) continue;
    const row = f * C;
    for (let k = 0; k < C; k++) out[k] = (out[k] as number) + xf * (W[row + k] as number);
  }
  let max = -Infinity;
  for (let k = 0; k < C; k++) max = Math.max(max, out[k] as number);
  let z = 0;
  for (let k = 0; k < C; k++) {
    const e = Math.exp((out[k] as number) - max);
    out[k] = e;
    z += e;
  }
  for (let k = 0; k < C; k++) out[k] = (out[k] as number) / z;
}

function holdoutLoss(
  x: Float32Array,
  labels: Int32Array,
  held: Uint32Array,
  W: Float32Array,
  b: Float32Array,
  F: number,
  C: number,
  row: Float64Array,
): number {
  let loss = 0;
  for (const s of held) {
    softmaxRow(x, s * F, W, b, F, C, row);
    loss -= Math.log(Math.max(row[labels[s] as number] as number, LOG_EPSILON));
  }
  return loss / held.length;
}

/** Adam (Kingma & Ba 2015) over one flat parameter space; `at` = offset of the slice being updated. */
function createAdam(
  size: number,
  lr: number,
): (params: Float32Array, grads: Float32Array, at: number) => void {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-7;
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  let t = 0;
  return (params, grads, at) => {
    if (at === 0) t++;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i] as number;
      const j = at + i;
      const mi = beta1 * (m[j] as number) + (1 - beta1) * g;
      const vi = beta2 * (v[j] as number) + (1 - beta2) * g * g;
      m[j] = mi;
      v[j] = vi;
      params[i] = (params[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  };
}

import * as tf from '@tensorflow/tfjs';
import { AppError, AppErrorCode } from '@distillery/errors';
import { ADAM_KERNEL } from '../backend/kernels/adam-kernel.ts';
import type { StoredTensor } from './checkpoint.ts';

/**
 * Adam (Kingma & Ba 2015) in the Keras/tfjs form: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * w ← w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε), ε = 1e-7.
 * Our own rather than `tf.train.adam` because tfjs keeps β^t as a running float32 product that
 * `setWeights` recomputes with `pow`, so a resumed run would drift from an uninterrupted one; here
 * the bias corrections are computed in float64 from the step count, which the checkpoint stores.
 */
export class Adam {
  private m: tf.Variable[];
  private v: tf.Variable[];
  step = 0;
  learningRate: number;

  constructor(
    private readonly vars: tf.Variable[],
    learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-7,
  ) {
    this.learningRate = learningRate;
    const zeros = (w: tf.Variable) => {
      const z = tf.zerosLike(w);
      const v = tf.variable(z, false);
      z.dispose();
      return v;
    };
    this.m = vars.map(zeros);
    this.v = vars.map(zeros);
  }

  /** Minimise `loss()` over the variables; returns the loss (kept) and whatever `loss` stashed. */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, this.vars);
    this.step++;
    const c1 = 1 - Math.pow(this.beta1, this.step);
    const c2 = 1 - Math.pow(this.beta2, this.step);
    const fused = tf.getKernel(ADAM_KERNEL, tf.getBackend()) !== undefined;
    const attrs = {
      lr: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      c1,
      c2,
    };
    tf.tidy(() => {
      this.vars.forEach((w, i) => {
        const g = grads[w.name]!;
        const m = this.m[i]!;
        const v = this.v[i]!;
        if (fused) {
          // One project kernel per variable (wasm, cpu) instead of eleven elementwise ones.
          const [w2, m2, v2] = tf
            .engine()
            .runKernel(ADAM_KERNEL, { w, g, m, v }, { ...attrs }) as tf.Tensor[];
          m.assign(m2!);
          v.assign(v2!);
          w.assign(w2!);
          return;
        }
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon));
        w.assign(tf.sub(w, tf.mul(update, this.learningRate)));
      });
    });
    tf.dispose(Object.values(grads));
    return value;
  }

  /** Moments and step count for a checkpoint. */
  state(): StoredTensor[] {
    const read = (t: tf.Variable, name: string): StoredTensor => ({
      name,
      shape: t.shape.slice(),
      dtype: 'float32',
      values: Float32Array.from(t.dataSync()),
    });
    return [
      { name: 'step', shape: [], dtype: 'int32', values: Int32Array.of(this.step) },
      ...this.m.map((t, i) => read(t, `m/${i}`)),
      ...this.v.map((t, i) => read(t, `v/${i}`)),
    ];
  }

  /** Restore `state()`. */
  restore(stored: StoredTensor[]): void {
    const n = this.vars.length;
    if (stored.length !== 1 + 2 * n) {
      throw new AppError(
        AppErrorCode.BAD_USER_INPUT,
        `checkpoint optimizer has ${stored.length} arrays, expected ${1 + 2 * n}`,
        { field: 'checkpoint' },
      );
    }
    this.step = stored[0]!.values[0]!;
    stored
      .slice(1)
      .forEach((s, k) =>
        (k < n ? this.m[k]! : this.v[k - n]!).assign(tf.tensor(s.values, s.shape, 'float32')),
      );
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}

import * as tf from '@tensorflow/tfjs';
import { HardActivation } from './custom-layers.ts';

type Sym = tf.SymbolicTensor;
/** Activations the builders use; hard_swish/hard_sigmoid are MobileNetV3's (Howard et al. 2019). */
export type Act = 'relu' | 'relu6' | 'swish' | 'sigmoid' | 'hard_swish' | 'hard_sigmoid' | 'linear';

/**
 * Seeded layer factory: every initializer gets its own seed (seed, seed+1, ...) in build order, so
 * a (key, seed) pair always builds identical weights on any machine (tfjs seeds its alea PRNG).
 * Layer names are unique per model and stable, because checkpoints store weights by order.
 */
export class LayerKit {
  private next: number;
  private count = 0;

  constructor(seed: number) {
    this.next = seed * 1009;
  }

  /** A fresh seeded initializer. */
  init(
    kind: 'glorotUniform' | 'heNormal' = 'glorotUniform',
  ): ReturnType<typeof tf.initializers.glorotUniform> {
    const seed = this.next++;
    return kind === 'heNormal' ? tf.initializers.heNormal({ seed }) : tf.initializers.glorotUniform({ seed });
  }

  /** A unique layer name with a readable prefix. */
  name(prefix: string): string {
    return `${prefix}_${this.count++}`;
  }

  /**
   * Conv2D. A built-in activation goes INTO the layer: during training tfjs then runs conv + bias +
   * activation unfused, whose gradient skips the input gradient when nothing upstream is trainable;
   * the fused linear path always computes it (a wasted Conv2DBackpropInput on every first layer).
   */
  conv(
    x: Sym,
    filters: number,
    kernel: number,
    o: { strides?: number; padding?: 'same' | 'valid'; bias?: boolean; act?: Act; name?: string } = {},
  ): Sym {
    const inLayer =
      o.act === 'relu' || o.act === 'relu6' || o.act === 'swish' || o.act === 'sigmoid' ? o.act : undefined;
    const y = tf.layers
      .conv2d({
        activation: inLayer,
        filters,
        kernelSize: kernel,
        strides: o.strides ?? 1,
        padding: o.padding ?? 'same',
        useBias: o.bias ?? true,
        kernelInitializer: this.init(),
        name: o.name ?? this.name('conv'),
      })
      .apply(x) as Sym;
    return o.act && o.act !== 'linear' && !inLayer ? this.act(y, o.act) : y;
  }

  depthwise(x: Sym, kernel: number, strides: number): Sym {
    return tf.layers
      .depthwiseConv2d({
        kernelSize: kernel,
        strides,
        padding: 'same',
        useBias: false,
        depthwiseInitializer: this.init(),
        name: this.name('dwconv'),
      })
      .apply(x) as Sym;
  }

  dense(x: Sym, units: number, act: Act = 'linear', name?: string): Sym {
    const y = tf.layers
      .dense({ units, kernelInitializer: this.init(), name: name ?? this.name('dense') })
      .apply(x) as Sym;
    return act === 'linear' ? y : this.act(y, act);
  }

  bn(x: Sym, act?: Act): Sym {
    const y = tf.layers
      .batchNormalization({ axis: -1, momentum: 0.99, epsilon: 1.001e-5, name: this.name('bn') })
      .apply(x) as Sym;
    return act ? this.act(y, act) : y;
  }

  act(x: Sym, act: Act): Sym {
    if (act === 'hard_swish' || act === 'hard_sigmoid')
      return new HardActivation({ kind: act, name: this.name(act) }).apply(x) as Sym;
    return tf.layers.activation({ activation: act, name: this.name(act) }).apply(x) as Sym;
  }

  /** Global average pooling; `name` 'avg_pool' marks the pooled features (the original's layer name). */
  gap(x: Sym, name = this.name('gap')): Sym {
    return tf.layers.globalAveragePooling2d({ name }).apply(x) as Sym;
  }

  pad(x: Sym, p: number): Sym {
    return tf.layers.zeroPadding2d({ padding: p, name: this.name('pad') }).apply(x) as Sym;
  }

  maxPool(x: Sym, size: number, strides: number, padding: 'same' | 'valid' = 'valid'): Sym {
    return tf.layers
      .maxPooling2d({ poolSize: size, strides, padding, name: this.name('maxpool') })
      .apply(x) as Sym;
  }

  add(xs: Sym[]): Sym {
    return tf.layers.add({ name: this.name('add') }).apply(xs) as Sym;
  }

  /** Squeeze-and-excitation (Hu et al. 2018): x · gate(W2 · act(W1 · GAP(x))). */
  squeezeExcite(x: Sym, reduced: number, act: Act, gate: Act): Sym {
    const c = x.shape[x.shape.length - 1]!;
    let s = this.gap(x);
    s = tf.layers.reshape({ targetShape: [1, 1, c], name: this.name('se_reshape') }).apply(s) as Sym;
    s = this.conv(s, reduced, 1, { act });
    s = this.conv(s, c, 1, { act: gate });
    return tf.layers.multiply({ name: this.name('se_mul') }).apply([x, s]) as Sym;
  }
}

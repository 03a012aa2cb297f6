import * as tf from '@tensorflow/tfjs';

/** Config of `HardActivation`. */
export interface HardActivationArgs {
  kind: 'hard_swish' | 'hard_sigmoid';
  name?: string;
}

/**
 * MobileNetV3's piecewise-linear activations (Howard et al. 2019, eq. 2): hard_sigmoid(x) =
 * relu6(x + 3) / 6 and hard_swish(x) = x · hard_sigmoid(x). tfjs' own `hardSigmoid` is the older
 * Keras 0.2x + 0.5, so these are a layer of their own.
 */
export class HardActivation extends tf.layers.Layer {
  static className = 'DistilleryHardActivation';
  readonly kind: HardActivationArgs['kind'];

  constructor(args: HardActivationArgs) {
    super({ name: args.name });
    this.kind = args.kind;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const gate = tf.div(tf.relu6(tf.add(x, 3)), 6);
      return this.kind === 'hard_swish' ? tf.mul(x, gate) : gate;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kind: this.kind };
  }
}
tf.serialization.registerClass(HardActivation);

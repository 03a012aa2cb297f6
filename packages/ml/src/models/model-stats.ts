import type * as tf from '@tensorflow/tfjs';

/** Size and cost of a model. */
export interface ModelStats {
  params: number;
  trainableParams: number;
  /**
   * FLOPs of one forward pass of ONE sample, counting 2 per multiply-add of the convolution and
   * dense layers (the usual convention; BN, activations and pooling are left out, < 2 % here).
   */
  flops: number;
}

type LayerWithKernel = tf.layers.Layer & { getClassName(): string };

/** Parameter count and forward FLOPs per sample from layer kinds and output shapes. */
export function computeModelStats(model: tf.LayersModel): ModelStats {
  let flops = 0;
  for (const layer of model.layers as LayerWithKernel[]) {
    const cls = layer.getClassName();
    const out = (Array.isArray(layer.outputShape[0]) ? layer.outputShape[0] : layer.outputShape) as (
      number | null
    )[];
    const kernel = layer.weights[0]?.shape;
    if (!kernel) continue;
    const spatial = out.slice(1, -1).reduce<number>((a, b) => a * (b ?? 1), 1);
    // Multiply-adds per output position = product of the kernel shape for Conv2D, DepthwiseConv2D and Dense.
    if (cls === 'Conv2D' || cls === 'Dense' || cls === 'DepthwiseConv2D')
      flops += 2 * kernel.reduce<number>((a, b) => a * (b ?? 1), 1) * spatial;
  }
  const trainableParams = model.trainableWeights.reduce(
    (a, w) => a + w.shape.reduce<number>((p, d) => p * (d ?? 1), 1),
    0,
  );
  return { params: model.countParams(), trainableParams, flops };
}

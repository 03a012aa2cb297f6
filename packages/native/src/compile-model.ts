// Compile a tfjs-layers functional model into a native graph: one node per layer (ReLU activations
// fused into the conv / dense / batch-norm that feeds them), weights referenced by their index in
// `model.weights` (the checkpoint order), the optimizer over `model.trainableWeights` in that order.
import * as tf from '@tensorflow/tfjs';
import type { Geometry, GraphSpec, LossSpec, NodeSpec } from './addon-types.ts';

/** The parts of a tfjs-layers Layer the compiler reads (its public fields, untyped in the d.ts). */
interface LayerLike {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  weights: tf.LayerVariable[];
  outputShape: unknown;
  inboundNodes: { inboundLayers: LayerLike[] }[];
}

/** A compiled model: the graph spec plus the tfjs variables its `params` stand for. */
export interface CompiledModel {
  spec: GraphSpec;
  /** `model.weights`, in `spec.params` order. */
  weights: tf.LayerVariable[];
}

/** Why a model cannot run natively (a layer kind or setting the engine lacks). */
export class UnsupportedModelError extends Error {}

const pair = (v: unknown): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)];

function shapeOf(layer: LayerLike): number[] {
  const s = layer.outputShape as (number | null)[];
  if (!Array.isArray(s) || Array.isArray(s[0]))
    throw new UnsupportedModelError(`${layer.name}: layers with several outputs are not supported`);
  return s.slice(1).map(Number);
}

function windowGeometry(layer: LayerLike, inShape: number[], outC: number, kind: 'conv' | 'pool'): Geometry {
  const cfg = layer.getConfig();
  const [h, w, c] = inShape as [number, number, number];
  const pad = cfg.padding as 'same' | 'valid';
  if (cfg.dataFormat && cfg.dataFormat !== 'channelsLast')
    throw new UnsupportedModelError(`${layer.name}: only channelsLast is supported`);
  const info =
    kind === 'conv'
      ? tf.backend_util.computeConv2DInfo(
          [1, h, w, c],
          [...pair(cfg.kernelSize), c, outC] as [number, number, number, number],
          pair(cfg.strides),
          pair(cfg.dilationRate ?? 1),
          pad,
        )
      : tf.backend_util.computePool2DInfo(
          [1, h, w, c],
          pair(cfg.poolSize),
          pair(cfg.strides ?? cfg.poolSize),
          1,
          pad,
        );
  return [
    1,
    h,
    w,
    c,
    info.outHeight,
    info.outWidth,
    outC,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.padInfo.top,
    info.padInfo.left,
    info.dilationHeight,
    info.dilationWidth,
  ];
}

/**
 * Compile `model` (a functional LayersModel whose outputs are logits) for the native engine; throws
 * {@link UnsupportedModelError} naming the first layer it cannot run.
 */
export function compileModel(model: tf.LayersModel, loss: LossSpec): CompiledModel {
  const weights = model.weights;
  const index = new Map<tf.LayerVariable, number>(weights.map((w, i) => [w, i]));
  const trainable = model.trainableWeights.map((w) => {
    const i = index.get(w);
    if (i === undefined)
      throw new UnsupportedModelError(`trainable weight ${w.name} is not among the model weights`);
    return i;
  });
  const layers = model.layers as unknown as LayerLike[];
  const outputLayers = new Set((model.outputLayers as unknown as LayerLike[]).map((l) => l.name));
  const consumers = new Map<string, number>();
  for (const l of layers)
    for (const p of l.inboundNodes[0]?.inboundLayers ?? [])
      consumers.set(p.name, (consumers.get(p.name) ?? 0) + 1);
  const nodes: NodeSpec[] = [];
  const at = new Map<string, number>(); // layer name → node index producing its output
  const w = (l: LayerLike, k: number): number => {
    const v = l.weights[k];
    const i = v ? index.get(v) : undefined;
    if (i === undefined) throw new UnsupportedModelError(`${l.name}: weight ${k} missing`);
    return i;
  };
  for (const l of layers) {
    const cls = l.getClassName();
    const cfg = l.getConfig();
    const inbound = l.inboundNodes[0]?.inboundLayers ?? [];
    const ins = inbound.map((p) => {
      const i = at.get(p.name);
      if (i === undefined)
        throw new UnsupportedModelError(
          `${l.name}: input ${p.name} not compiled (shared layers are not supported)`,
        );
      return i;
    });
    const first = ins[0] ?? -1;
    const inShape = first >= 0 ? nodes[first]!.shape : [];
    const shape = shapeOf(l);
    const add = (n: NodeSpec) => {
      nodes.push(n);
      at.set(l.name, nodes.length - 1);
    };
    const activation = (cfg.activation as string | undefined) ?? 'linear';
    if ((cls === 'Conv2D' || cls === 'Dense') && activation !== 'linear' && activation !== 'relu')
      throw new UnsupportedModelError(`${l.name}: activation ${activation} is not supported`);
    switch (cls) {
      case 'InputLayer':
        if (nodes.length > 0) throw new UnsupportedModelError('only one input is supported');
        add({ op: 'input', in: [], shape });
        break;
      case 'Rescaling':
        add({ op: 'rescale', in: ins, shape, scale: Number(cfg.scale), offset: Number(cfg.offset ?? 0) });
        break;
      case 'Conv2D': {
        const useBias = cfg.useBias !== false;
        add({
          op: 'conv',
          in: ins,
          shape,
          geometry: windowGeometry(l, inShape, shape[2]!, 'conv'),
          weight: w(l, 0),
          ...(useBias ? { bias: w(l, 1) } : {}),
          relu: activation === 'relu',
        });
        break;
      }
      case 'Dense':
        if (inShape.length !== 1)
          throw new UnsupportedModelError(`${l.name}: Dense on rank-${inShape.length + 1} input`);
        add({
          op: 'dense',
          in: ins,
          shape,
          weight: w(l, 0),
          ...(cfg.useBias !== false ? { bias: w(l, 1) } : {}),
          relu: activation === 'relu',
        });
        break;
      case 'Activation': {
        if (activation === 'linear') {
          at.set(l.name, first);
          break;
        }
        if (activation !== 'relu')
          throw new UnsupportedModelError(`${l.name}: activation ${activation} is not supported`);
        const producer = nodes[first]!;
        const fusable =
          ['conv', 'dense', 'batchnorm'].includes(producer.op) &&
          !producer.relu &&
          consumers.get(inbound[0]!.name) === 1 &&
          !outputLayers.has(inbound[0]!.name);
        if (fusable) {
          producer.relu = true;
          at.set(l.name, first);
        } else add({ op: 'relu', in: ins, shape });
        break;
      }
      case 'MaxPooling2D':
      case 'AveragePooling2D':
        add({
          op: cls === 'MaxPooling2D' ? 'maxpool' : 'avgpool',
          in: ins,
          shape,
          geometry: windowGeometry(l, inShape, inShape[2]!, 'pool'),
        });
        break;
      case 'BatchNormalization': {
        const axis = Number(cfg.axis ?? -1);
        if (inShape.length !== 3 || (axis !== -1 && axis !== 3))
          throw new UnsupportedModelError(`${l.name}: only channel-axis batch norm on images is supported`);
        if (cfg.center === false || cfg.scale === false)
          throw new UnsupportedModelError(`${l.name}: batch norm without center/scale`);
        add({
          op: 'batchnorm',
          in: ins,
          shape,
          gamma: w(l, 0),
          beta: w(l, 1),
          movingMean: w(l, 2),
          movingVariance: w(l, 3),
          epsilon: Number(cfg.epsilon),
          momentum: Number(cfg.momentum),
        });
        break;
      }
      case 'Add':
        add({ op: 'add', in: ins, shape });
        break;
      case 'GlobalAveragePooling2D':
        add({ op: 'gap', in: ins, shape });
        break;
      case 'Flatten':
        add({ op: 'flatten', in: ins, shape });
        break;
      default:
        throw new UnsupportedModelError(`${l.name}: layer ${cls} is not supported by the native engine`);
    }
  }
  const outputs = (model.outputLayers as unknown as LayerLike[]).map((l) => at.get(l.name)!);
  const classes = nodes[outputs[0]!]!.shape[0]!;
  return {
    spec: { nodes, outputs, params: weights.map((v) => v.shape.map(Number)), trainable, classes, loss },
    weights,
  };
}

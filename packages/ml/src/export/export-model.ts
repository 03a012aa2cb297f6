/**
 * A trained network as files that leave the platform: a TensorFlow.js LayersModel (`model.json` +
 * shards) whose output is the class probabilities the platform reports (mimic_all: the mean of the
 * heads' softmax), and one safetensors file with the same tensors under the same names (Keras/TF.js
 * layouts: conv kernels H×W×in×out, depthwise H×W×in×multiplier, dense in×out).
 */
import * as tf from '@tensorflow/tfjs';

import type { ImageShape } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import type { TrainNet } from '../train/train-net.ts';
import { type ExportFile, layersModelFiles, serialiseModel } from './layers-model.ts';
import { encodeSafetensors, type NamedTensor } from './safetensors.ts';

/** What an export records about the model besides its weights. */
export interface ExportInfo {
  classNames: readonly string[];
  /** Extra string facts (run id, distillation mode, …) for both formats' metadata. */
  extra?: Record<string, string>;
}

/** The two export formats of one model. */
export interface ModelExports {
  tfjs: ExportFile[];
  safetensors: ExportFile;
}

/** How the exported model expects its input: what a caller must do to an image first. */
export const INPUT_CONTRACT =
  'float32 NHWC pixel values in 0..255, resized to input_shape (the model rescales to [-1, 1] itself)';

function isNet(x: TrainNet | BuiltModel): x is TrainNet {
  return 'trainedModel' in x;
}

/** The model whose output is the reported probabilities (shares the trained weights). */
export function probabilityModel(source: TrainNet | BuiltModel): tf.LayersModel {
  if (!isNet(source)) return source.model;
  if (source.heads === 1) return source.built.model;
  const net = source.trainedModel;
  const probs = net.outputs.map(
    (o, i) =>
      tf.layers
        .activation({ activation: 'softmax', name: `head_${i}_softmax` })
        .apply(o) as tf.SymbolicTensor,
  );
  const mean = tf.layers.average({ name: 'predictions' }).apply(probs) as tf.SymbolicTensor;
  return tf.model({ inputs: net.inputs, outputs: mean, name: `${source.built.key}_mimic_all` });
}

/** Tensors of a serialised model, sliced out of its weight bytes by the specs. */
export function tensorsOf(specs: tf.io.WeightsManifestEntry[], data: Uint8Array): NamedTensor[] {
  let at = 0;
  return specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const raw = data.slice(at, at + n * 4).buffer;
    at += n * 4;
    return {
      name: s.name,
      shape: s.shape,
      dtype: s.dtype === 'int32' ? 'int32' : 'float32',
      values: s.dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw),
    };
  });
}

/** Metadata both formats carry (safetensors metadata values must be strings). */
export function exportMetadata(
  architecture: string,
  inputShape: ImageShape,
  heads: number,
  info: ExportInfo,
): Record<string, string> {
  return {
    format: 'distillery-model/1',
    architecture,
    class_names: JSON.stringify(info.classNames),
    input_shape: JSON.stringify(inputShape),
    input: INPUT_CONTRACT,
    output: heads > 1 ? `mean of the softmax of ${heads} heads` : 'softmax class probabilities',
    layout: 'keras: conv HWIO, depthwise HWCM, dense [in, out]',
    ...info.extra,
  };
}

/** Export a teacher, baseline or student network in both formats. */
export async function exportModel(source: TrainNet | BuiltModel, info: ExportInfo): Promise<ModelExports> {
  const built = isNet(source) ? source.built : source;
  const heads = isNet(source) ? source.heads : 1;
  const { topology, specs, data } = await serialiseModel(probabilityModel(source));
  const metadata = exportMetadata(built.key, built.options.inputShape, heads, info);
  return bothFormats(topology, specs, data, metadata, info.classNames);
}

/** The LayersModel files and the safetensors file of one serialised model. */
export function bothFormats(
  topology: Record<string, unknown>,
  specs: tf.io.WeightsManifestEntry[],
  data: Uint8Array,
  metadata: Record<string, string>,
  classNames: readonly string[],
): ModelExports {
  return {
    tfjs: layersModelFiles(topology, specs, data, { ...metadata, class_names: classNames }),
    safetensors: {
      path: 'model.safetensors',
      // The topology rides along, so the file alone is enough to rebuild the network elsewhere.
      bytes: encodeSafetensors(tensorsOf(specs, data), {
        ...metadata,
        tfjs_topology: JSON.stringify(topology),
      }),
      contentType: 'application/octet-stream',
    },
  };
}

/**
 * TensorFlow.js LayersModel format (tfjs-converter's layers-model output, what `tf.loadLayersModel`
 * reads): `model.json` = { format: 'layers-model', modelTopology: <Keras JSON>, weightsManifest:
 * [{ paths: shard files, weights: [{ name, shape, dtype }] }] } plus the weight bytes, concatenated in
 * manifest order and cut into `group1-shard<i>of<n>.bin` files of at most 4 MiB (the converter's
 * default), which a browser can cache one by one.
 */
import * as tf from '@tensorflow/tfjs';
import { AppError, AppErrorCode } from '@distillery/errors';

import { portableTopology } from './portable-topology.ts';

/** One file of an exported model. */
export interface ExportFile {
  path: string;
  bytes: Uint8Array;
  contentType: string;
}

/** The parsed `model.json` of a LayersModel export. */
export interface LayersModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

/** A model loaded from export files. */
export type LoadedModel = tf.LayersModel;

/** Bytes of each shard file. */
export const SHARD_BYTES = 4 * 1024 * 1024;

function concat(parts: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const list = Array.isArray(parts) ? parts : [parts];
  const out = new Uint8Array(list.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of list) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out;
}

/** The topology, weight specs and weight bytes of a model, as tfjs serialises them. */
export async function serialiseModel(
  model: tf.LayersModel,
): Promise<{ topology: Record<string, unknown>; specs: tf.io.WeightsManifestEntry[]; data: Uint8Array }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.modelTopology || !saved.weightSpecs || !saved.weightData)
    throw new AppError(AppErrorCode.INTERNAL, 'tfjs returned no topology or weights for the model');
  return {
    topology: portableTopology(saved.modelTopology as Record<string, unknown>),
    specs: saved.weightSpecs,
    data: concat(saved.weightData as ArrayBuffer | ArrayBuffer[]),
  };
}

/** `model.json` and its shards for a topology and its weights. */
export function layersModelFiles(
  topology: Record<string, unknown>,
  specs: tf.io.WeightsManifestEntry[],
  data: Uint8Array,
  metadata: Record<string, unknown>,
): ExportFile[] {
  const count = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const shards = Array.from({ length: count }, (_, i) => ({
    path: `group1-shard${i + 1}of${count}.bin`,
    bytes: data.subarray(i * SHARD_BYTES, Math.min(data.byteLength, (i + 1) * SHARD_BYTES)),
    contentType: 'application/octet-stream',
  }));
  const json: LayersModelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: 'Distillery',
    modelTopology: topology,
    weightsManifest: [{ paths: shards.map((s) => s.path), weights: specs }],
    userDefinedMetadata: metadata,
  };
  const modelJson = new TextEncoder().encode(JSON.stringify(json));
  return [{ path: 'model.json', bytes: modelJson, contentType: 'application/json' }, ...shards];
}

/** Parse an export's `model.json` and join its shards (the inverse of {@link layersModelFiles}). */
export function readLayersModelFiles(files: ReadonlyMap<string, Uint8Array>): {
  json: LayersModelJson;
  data: Uint8Array;
} {
  const raw = files.get('model.json');
  if (!raw) throw new AppError(AppErrorCode.DATA_CORRUPT, 'model export: no model.json');
  const json = JSON.parse(new TextDecoder().decode(raw)) as LayersModelJson;
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const shards = paths.map((p) => {
    const bytes = files.get(p);
    if (!bytes) throw new AppError(AppErrorCode.DATA_CORRUPT, `model export: shard ${p} is missing`);
    return bytes;
  });
  return { json, data: concat(shards.map((s) => s.slice().buffer)) };
}

/** Load an export's files with `tf.loadLayersModel` (what a browser does with the download URL). */
export async function loadLayersModelFiles(files: ReadonlyMap<string, Uint8Array>): Promise<tf.LayersModel> {
  const { json, data } = readLayersModelFiles(files);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: data.slice().buffer,
    }),
  );
}

/** Run a loaded model on `n` NHWC float images: its output rows, row-major. */
export function predictPixels(
  model: tf.LayersModel,
  pixels: Float32Array,
  n: number,
  shape: readonly [number, number, number],
): Float32Array {
  return tf.tidy(
    () => (model.predict(tf.tensor4d(pixels, [n, ...shape])) as tf.Tensor).dataSync() as Float32Array,
  );
}

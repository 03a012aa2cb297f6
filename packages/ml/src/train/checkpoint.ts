import * as tf from '@tensorflow/tfjs';
import { AppError, AppErrorCode } from '@distillery/errors';

const MAGIC = 'DSTLCKP1';

/** One stored array. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

/** Everything needed to continue a run exactly: weights, optimizer state, best weights and the loop state. */
export interface CheckpointData<S = unknown> {
  /** Free-form JSON: architecture key, build options, epoch, sample-stream position, history, ... */
  meta: S;
  groups: Record<string, StoredTensor[]>;
}

/** Serialise to bytes: magic, u32 header length, JSON header, then each array's little-endian bytes. */
export function encodeCheckpoint<S>(cp: CheckpointData<S>): Uint8Array {
  let offset = 0;
  const index: Record<
    string,
    { name: string; shape: number[]; dtype: string; offset: number; length: number }[]
  > = {};
  for (const [g, ts] of Object.entries(cp.groups)) {
    index[g] = ts.map((t) => {
      const e = { name: t.name, shape: t.shape, dtype: t.dtype, offset, length: t.values.length };
      offset += t.values.length * 4;
      return e;
    });
  }
  const header = new TextEncoder().encode(JSON.stringify({ meta: cp.meta, index }));
  const out = new Uint8Array(8 + 4 + header.length + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, 12);
  const base = 12 + header.length;
  for (const [g, ts] of Object.entries(cp.groups)) {
    ts.forEach((t, i) =>
      out.set(
        new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength),
        base + index[g]![i]!.offset,
      ),
    );
  }
  return out;
}

function corrupt(why: string): AppError {
  return new AppError(AppErrorCode.DATA_CORRUPT, `checkpoint: ${why}`, { field: 'checkpoint' });
}

/** Parse bytes written by `encodeCheckpoint`; throws DATA_CORRUPT on anything else. */
export function decodeCheckpoint<S>(bytes: Uint8Array): CheckpointData<S> {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw corrupt('not a Distillery checkpoint (bad magic)');
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + len > bytes.length) throw corrupt('truncated header');
  let header: {
    meta: S;
    index: Record<
      string,
      { name: string; shape: number[]; dtype: 'float32' | 'int32'; offset: number; length: number }[]
    >;
  };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len)));
  } catch (e) {
    throw new AppError(AppErrorCode.DATA_CORRUPT, 'checkpoint: header is not JSON', {
      field: 'checkpoint',
      cause: e,
    });
  }
  const base = 12 + len;
  const groups: Record<string, StoredTensor[]> = {};
  for (const [g, entries] of Object.entries(header.index)) {
    groups[g] = entries.map((e) => {
      const start = base + e.offset;
      if (start + e.length * 4 > bytes.length) throw corrupt(`array ${e.name} runs past the end`);
      // Copy into an aligned buffer (the input may be a view at any offset).
      const raw = bytes.slice(start, start + e.length * 4).buffer;
      return {
        name: e.name,
        shape: e.shape,
        dtype: e.dtype,
        values: e.dtype === 'int32' ? new Int32Array(raw) : new Float32Array(raw),
      };
    });
  }
  return { meta: header.meta, groups };
}

/** Read tensors into stored arrays (synchronously; wasm and cpu read without a round trip). */
export function storeTensors(named: { name: string; tensor: tf.Tensor }[]): StoredTensor[] {
  return named.map(({ name, tensor }) => ({
    name,
    shape: tensor.shape.slice(),
    dtype: tensor.dtype === 'int32' ? 'int32' : 'float32',
    values:
      tensor.dtype === 'int32' ? Int32Array.from(tensor.dataSync()) : Float32Array.from(tensor.dataSync()),
  }));
}

/** The weights of a model (trainable and BN statistics, in `model.weights` order). */
export function storeModelWeights(model: tf.LayersModel): StoredTensor[] {
  return storeTensors(model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })));
}

/** Load stored weights into a model built with the same key and options. */
export function loadModelWeights(model: tf.LayersModel, stored: StoredTensor[]): void {
  const ws = model.weights;
  if (ws.length !== stored.length) {
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `checkpoint has ${stored.length} weight arrays, the model ${ws.length}`,
      {
        field: 'checkpoint',
        value: stored.length,
      },
    );
  }
  const tensors = stored.map((s, i) => {
    const expected = ws[i]!.shape;
    if (s.shape.join('x') !== expected.join('x')) {
      throw new AppError(
        AppErrorCode.BAD_USER_INPUT,
        `checkpoint weight ${s.name} has shape ${s.shape.join('×')}, the model ${expected.join('×')}`,
        {
          field: 'checkpoint',
          value: s.name,
        },
      );
    }
    return tf.tensor(s.values, s.shape, s.dtype);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/**
 * safetensors (huggingface/safetensors, docs "Format"): an 8-byte little-endian u64 N, an N-byte
 * UTF-8 JSON header `{"__metadata__": {str: str}, "<name>": {"dtype", "shape", "data_offsets":
 * [begin, end]}}`, then the tensors' little-endian bytes, contiguous and in header order; offsets
 * count from the first byte after the header. The header is padded with spaces to a multiple of 8
 * so every tensor starts 8-byte aligned (what the reference writer does), letting numpy map it.
 */
import { AppError, AppErrorCode } from '@distillery/errors';

/** One named tensor (float32 or int32; the only dtypes the models hold). */
export interface NamedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

const DTYPE = { float32: 'F32', int32: 'I32' } as const;

/** Encode tensors and string metadata as one safetensors file. */
export function encodeSafetensors(
  tensors: readonly NamedTensor[],
  metadata: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of tensors) {
    if (t.name in header) throw new AppError(AppErrorCode.BAD_USER_INPUT, `duplicate tensor name ${t.name}`);
    const bytes = t.values.byteLength;
    header[t.name] = { dtype: DTYPE[t.dtype], shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), at);
    at += t.values.byteLength;
  }
  return out;
}

/** Parse a safetensors file written by {@link encodeSafetensors}; DATA_CORRUPT on anything malformed. */
export function decodeSafetensors(bytes: Uint8Array): {
  metadata: Record<string, string>;
  tensors: NamedTensor[];
} {
  const corrupt = (why: string) => new AppError(AppErrorCode.DATA_CORRUPT, `safetensors: ${why}`);
  if (bytes.length < 8) throw corrupt('shorter than its length prefix');
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (8 + n > bytes.length) throw corrupt('header runs past the end');
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  } catch {
    throw corrupt('header is not JSON');
  }
  const { __metadata__: meta, ...entries } = header as Record<string, never>;
  const base = 8 + n;
  const tensors = Object.entries(entries).map(([name, e]: [string, (typeof header)[string]]) => {
    const [begin, end] = e.data_offsets;
    if (base + end > bytes.length || begin > end) throw corrupt(`tensor ${name} runs past the end`);
    const raw = bytes.slice(base + begin, base + end).buffer;
    if (e.dtype !== 'F32' && e.dtype !== 'I32') throw corrupt(`tensor ${name} has dtype ${e.dtype}`);
    return {
      name,
      shape: e.shape,
      dtype: e.dtype === 'F32' ? ('float32' as const) : ('int32' as const),
      values: e.dtype === 'F32' ? new Float32Array(raw) : new Int32Array(raw),
    };
  });
  return { metadata: (meta ?? {}) as Record<string, string>, tensors };
}

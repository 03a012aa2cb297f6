// LeCun's IDX format, as MNIST and Fashion-MNIST ship: parsed here (no TensorFlow.js) so the runner's ML
// core and the API's sample images read the same bytes the same way.
import { AppError, AppErrorCode } from '@distillery/errors';

import { sha256Hex } from './store.ts';

/** A parsed IDX file (LeCun's format: big-endian header, magic 0x08 = ubyte, then the dims). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** DATA_CORRUPT naming the IDX file at fault. */
export function idxCorrupt(file: string, why: string): AppError {
  return new AppError(AppErrorCode.DATA_CORRUPT, `${file}: ${why}`, { field: 'file', value: file });
}

/** Parse an uncompressed ubyte IDX buffer; throws DATA_CORRUPT naming the file on a bad header or size. */
export function parseIdx(buf: Uint8Array, file: string, expectedRank?: number): IdxArray {
  if (buf.length < 4) throw idxCorrupt(file, `too short for an IDX header (${buf.length} bytes)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf[0] !== 0 || buf[1] !== 0) throw idxCorrupt(file, 'bad IDX magic (first two bytes must be 0)');
  if (buf[2] !== 0x08)
    throw idxCorrupt(file, `unsupported IDX element type 0x${buf[2]!.toString(16)} (only ubyte)`);
  const rank = buf[3]!;
  if (expectedRank !== undefined && rank !== expectedRank)
    throw idxCorrupt(file, `IDX rank ${rank}, expected ${expectedRank}`);
  const headerBytes = 4 + 4 * rank;
  if (buf.length < headerBytes) throw idxCorrupt(file, 'truncated IDX header');
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const n = dims.reduce((a, b) => a * b, 1);
  if (buf.length !== headerBytes + n) {
    throw idxCorrupt(
      file,
      `IDX dims ${dims.join('×')} need ${headerBytes + n} bytes, file has ${buf.length}`,
    );
  }
  return { dims, data: buf.subarray(headerBytes) };
}

/** Throw DATA_CORRUPT unless the (decompressed) content has the expected SHA-256. */
export function verifySha256(buf: Uint8Array, expected: string, file: string): void {
  const got = sha256Hex(buf);
  if (got !== expected) throw idxCorrupt(file, `SHA-256 ${got} does not match the expected ${expected}`);
}

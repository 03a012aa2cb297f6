import { AppError, AppErrorCode } from '@distillery/errors';
import { createHash } from 'node:crypto';

/** A parsed IDX file (LeCun's format: big-endian header, magic 0x08 = ubyte, then the dims). */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

function corrupt(file: string, why: string): AppError {
  return new AppError(AppErrorCode.DATA_CORRUPT, `${file}: ${why}`, { field: 'file', value: file });
}

/** Parse an uncompressed ubyte IDX buffer; throws DATA_CORRUPT naming the file on a bad header or size. */
export function parseIdx(buf: Uint8Array, file: string, expectedRank?: number): IdxArray {
  if (buf.length < 4) throw corrupt(file, `too short for an IDX header (${buf.length} bytes)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf[0] !== 0 || buf[1] !== 0) throw corrupt(file, 'bad IDX magic (first two bytes must be 0)');
  if (buf[2] !== 0x08)
    throw corrupt(file, `unsupported IDX element type 0x${buf[2]!.toString(16)} (only ubyte)`);
  const rank = buf[3]!;
  if (expectedRank !== undefined && rank !== expectedRank)
    throw corrupt(file, `IDX rank ${rank}, expected ${expectedRank}`);
  const headerBytes = 4 + 4 * rank;
  if (buf.length < headerBytes) throw corrupt(file, 'truncated IDX header');
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const n = dims.reduce((a, b) => a * b, 1);
  if (buf.length !== headerBytes + n) {
    throw corrupt(file, `IDX dims ${dims.join('×')} need ${headerBytes + n} bytes, file has ${buf.length}`);
  }
  return { dims, data: buf.subarray(headerBytes) };
}

/** SHA-256 hex of a buffer. */
export function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Throw DATA_CORRUPT unless the (decompressed) content has the expected SHA-256. */
export function verifySha256(buf: Uint8Array, expected: string, file: string): void {
  const got = sha256(buf);
  if (got !== expected) throw corrupt(file, `SHA-256 ${got} does not match the expected ${expected}`);
}

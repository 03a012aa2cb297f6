// Windows bitmaps, which sharp (libvips) does not read: the DAIS corrosion images are BMP files
// (mtkd-method.md §1.6). Uncompressed 24- and 32-bit, and 8-bit palette images are decoded here to
// RGB; anything else is refused with DATA_CORRUPT rather than guessed at.
import { AppError, AppErrorCode } from '@distillery/errors';

/** True when `bytes` start like a BMP file. */
export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

/** Decode an uncompressed BMP to top-down RGB pixels. */
export function decodeBmp(
  bytes: Uint8Array,
  name = 'image',
): { data: Buffer; width: number; height: number } {
  const fail = (why: string) =>
    new AppError(AppErrorCode.DATA_CORRUPT, `${name}: cannot decode BMP (${why})`, {
      field: 'file',
      value: name,
    });
  if (!isBmp(bytes) || bytes.length < 54) throw fail('truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width > 16384 || height > 16384) throw fail(`size ${width}×${height}`);
  // BI_RGB, or BI_BITFIELDS with the usual 32-bit BGRA masks.
  if (compression !== 0 && !(compression === 3 && bpp === 32)) throw fail(`compression ${compression}`);
  if (bpp !== 8 && bpp !== 24 && bpp !== 32) throw fail(`${bpp} bits per pixel`);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (offset + stride * height > bytes.length) throw fail('pixel data past the end of the file');
  const colours = bpp === 8 ? view.getUint32(46, true) || 256 : 0;
  const palette = 14 + dibSize;
  if (bpp === 8 && palette + colours * 4 > offset) throw fail('palette overlaps the pixels');
  const out = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    // Positive heights are stored bottom row first.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      let p = row + x * (bpp / 8);
      if (bpp === 8) {
        const index = bytes[p]!;
        if (index >= colours) throw fail(`palette index ${index}`);
        p = palette + index * 4;
      }
      const o = (y * width + x) * 3;
      out[o] = bytes[p + 2]!;
      out[o + 1] = bytes[p + 1]!;
      out[o + 2] = bytes[p]!;
    }
  }
  return { data: out, width, height };
}

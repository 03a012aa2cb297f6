// A minimal PNG encoder for dataset samples (8-bit grayscale or RGB, no interlace). Why not a library:
// the only encoder installed is sharp, which the API is kept free of (lint: the API loads no ML core,
// wasm or native image code), and pngjs/fast-png are not dependencies. Node's zlib gives the deflate
// stream and the CRC-32, so what is left is the chunk framing of the PNG specification (RFC 2083).
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes of uint8 H×W×C pixels, C = 1 (grayscale) or 3 (RGB). */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  const stride = width * channels;
  if (pixels.length !== stride * height)
    throw new RangeError(`${pixels.length} bytes are not ${height}×${width}×${channels}`);
  // Each scanline starts with its filter type; 0 (None) keeps this simple, deflate does the rest.
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++)
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: grayscale or truecolour
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// Dataset samples as PNG, through pngjs (pure JavaScript: the API stays free of sharp, wasm and
// native image code, which lint keeps out of it).
import { PNG } from 'pngjs';

/** PNG bytes of uint8 H×W×C pixels, C = 1 (grayscale) or 3 (RGB). */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3): Buffer {
  if (pixels.length !== width * height * channels)
    throw new RangeError(`${pixels.length} bytes are not ${height}×${width}×${channels}`);
  const colorType = channels === 1 ? 0 : 2;
  const png = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: false });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false });
}

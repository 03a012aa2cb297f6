// BMP files for importer tests (sharp writes none): uncompressed, as the DAIS inspection device wrote them.

/**
 * An uncompressed BMP of `rgb` (top-down RGB, width × height × 3): 24-bit bottom-up rows, or with
 * `palette8` an 8-bit palette image (the colours of `rgb` must then number at most 256).
 */
export function encodeBmp(rgb: Uint8Array, width: number, height: number, palette8 = false): Buffer {
  const colours: number[] = [];
  const indexOf = (o: number) => {
    const c = (rgb[o]! << 16) | (rgb[o + 1]! << 8) | rgb[o + 2]!;
    let i = colours.indexOf(c);
    if (i < 0) i = colours.push(c) - 1;
    return i;
  };
  const bpp = palette8 ? 8 : 24;
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const p = (height - 1 - y) * stride;
      if (palette8) rows[p + x] = indexOf(o);
      else rows.set([rgb[o + 2]!, rgb[o + 1]!, rgb[o]!], p + x * 3);
    }
  const palette = Buffer.alloc(palette8 ? colours.length * 4 : 0);
  colours.forEach((c, i) => palette.set([c & 0xff, (c >> 8) & 0xff, (c >> 16) & 0xff, 0], i * 4));
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'ascii');
  header.writeUInt32LE(54 + palette.length + rows.length, 2);
  header.writeUInt32LE(54 + palette.length, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(bpp, 28);
  header.writeUInt32LE(rows.length, 34);
  header.writeUInt32LE(palette8 ? colours.length : 0, 46);
  return Buffer.concat([header, palette, rows]);
}

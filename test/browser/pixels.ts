// Reading a chart's canvas back from a screenshot: what a person would see, not the chart's options.
import type { Locator } from 'playwright-core';
import sharp from 'sharp';

/** Share of the element's pixels within `tolerance` (per channel) of the colour `hex` (#rrggbb). */
export async function colourShare(el: Locator, hex: string, tolerance = 24): Promise<number> {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const { data, info } = await sharp(await el.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let hits = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if (
      Math.abs(data[i]! - r) <= tolerance &&
      Math.abs(data[i + 1]! - g) <= tolerance &&
      Math.abs(data[i + 2]! - b) <= tolerance
    )
      hits++;
  return hits / (info.width * info.height);
}

/** Mean luminance (0 black … 1 white) of the element's pixels. */
export async function meanLuminance(el: Locator): Promise<number> {
  const { data, info } = await sharp(await el.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let sum = 0;
  for (let i = 0; i < data.length; i += info.channels)
    sum += (0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!) / 255;
  return sum / (info.width * info.height);
}

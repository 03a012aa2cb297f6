import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import * as echarts from 'echarts';
import sharp from 'sharp';

/** Layout size of a chart in CSS pixels; the PNG is PNG_SCALE times larger. */
export interface ChartSize {
  width?: number;
  height?: number;
}

export const DEFAULT_WIDTH = 900;
export const DEFAULT_HEIGHT = 560;
/** SVG is rasterised at 144 dpi (2× the SVG's 72 dpi) so the plots stay sharp on HiDPI screens. */
export const PNG_SCALE = 2;

/** Okabe–Ito colours: distinguishable for the common forms of colour blindness, also in greyscale print. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

export const FONT_FAMILY = 'DejaVu Sans, sans-serif';

/**
 * Legend along the bottom. Without a canvas, ECharts estimates text widths, and DejaVu Sans is
 * wider than its estimate, so the gap between entries is generous to keep labels from touching.
 */
export const LEGEND = { bottom: 8, itemWidth: 28, itemGap: 32 } as const;

/** Options every chart shares: white background, fixed font, no animation (SSR renders one frame). */
export function baseOption(title: string): echarts.EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: PALETTE,
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: '#222222' },
    title: { text: title, left: 'center', top: 10, textStyle: { fontSize: 16, fontWeight: 'bold' } },
  };
}

/** Renders an ECharts option server-side to SVG, rasterises it with sharp and writes a PNG (creating parent folders). */
export async function renderPng(option: echarts.EChartsOption, size: ChartSize, file: string): Promise<void> {
  const width = size.width ?? DEFAULT_WIDTH;
  const height = size.height ?? DEFAULT_HEIGHT;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption(option);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // A 256-colour palette keeps chart PNGs at a few tens of kB; dithering off so flat fills stay flat.
  const png = await sharp(Buffer.from(svg), { density: 72 * PNG_SCALE })
    .png({ palette: true, dither: 0, compressionLevel: 9 })
    .toBuffer();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, png);
}

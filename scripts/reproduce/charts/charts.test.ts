import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PNG_SCALE, renderBarChart, renderHeatmap, renderLineChart } from './index.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charts-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A real chart has a white background plus axis, text and series colours: more than a handful of
// distinct colours and a large spread of channel values. A blank or single-colour image has neither.
async function expectChartPng(file: string, width: number, height: number): Promise<void> {
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
  const meta = await sharp(file).metadata();
  expect(meta.format).toBe('png');
  expect([meta.width, meta.height]).toEqual([width * PNG_SCALE, height * PNG_SCALE]);
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
  }
  expect(colours.size).toBeGreaterThan(10);
  const stats = await sharp(file).stats();
  for (const ch of stats.channels.slice(0, 3)) expect(ch.stdev).toBeGreaterThan(10);
  // Mostly white background: the chart is not drawn as one big dark block.
  expect(stats.channels[0]?.mean ?? 0).toBeGreaterThan(150);
}

const points = (base: number) => [0.6, 0.8, 1.0].map((x, i) => ({ x, y: base + 0.03 * i, err: 0.01 }));

describe('renderLineChart', () => {
  it('writes a PNG of the requested size, creating the parent folder', async () => {
    const file = join(dir, 'nested', 'deeper', 'line.png');
    await renderLineChart(
      {
        title: 'Accuracy vs p',
        xLabel: 'p',
        yLabel: 'accuracy',
        xTicks: [0.6, 0.8, 1.0],
        series: [
          { name: 'student', points: points(0.8) },
          { name: 'baseline', points: points(0.75), dashed: true },
        ],
      },
      file,
    );
    await expectChartPng(file, 900, 560);
  });

  it('honours a custom size and a log x axis', async () => {
    const file = join(dir, 'line-log.png');
    await renderLineChart(
      {
        title: 'Loss vs N',
        xLabel: 'N',
        yLabel: 'loss',
        logX: true,
        width: 600,
        height: 400,
        series: [{ name: 'loss', points: [2, 3, 4, 5].map((x) => ({ x, y: 1 / x })) }],
      },
      file,
    );
    await expectChartPng(file, 600, 400);
  });

  it('rejects empty series and empty point lists with a message naming the field', async () => {
    const spec = { title: 't', xLabel: 'x', yLabel: 'y' };
    await expect(renderLineChart({ ...spec, series: [] }, join(dir, 'x.png'))).rejects.toThrow(
      /series: must not be empty/,
    );
    await expect(
      renderLineChart({ ...spec, series: [{ name: 'a', points: [] }] }, join(dir, 'x.png')),
    ).rejects.toThrow(/series\[0\]\.points: must not be empty/);
    await expect(
      renderLineChart(
        { ...spec, series: [{ name: 'a', points: [{ x: 1, y: Number.NaN }] }] },
        join(dir, 'x.png'),
      ),
    ).rejects.toThrow(/series\[0\]\.points\[0\]\.y: must be a finite number/);
  });
});

describe('renderHeatmap', () => {
  it('writes an annotated heatmap with a blank null cell', async () => {
    const file = join(dir, 'heat.png');
    await renderHeatmap(
      {
        title: 'Accuracy by N and alpha',
        rowLabels: ['N=2', 'N=3'],
        colLabels: ['0', '0.25', '0.5'],
        values: [
          [0.81, 0.83, null],
          [0.82, 0.85, 0.87],
        ],
        valueFormat: (v) => `${(v * 100).toFixed(1)}%`,
      },
      file,
    );
    await expectChartPng(file, 900, 560);
  });

  it('rejects ragged rows and a row count that does not match the labels', async () => {
    const base = { title: 't', rowLabels: ['a', 'b'], colLabels: ['x', 'y'] };
    await expect(renderHeatmap({ ...base, values: [[1, 2], [3]] }, join(dir, 'x.png'))).rejects.toThrow(
      /values\[1\]: must have one cell per column label \(2\)/,
    );
    await expect(renderHeatmap({ ...base, values: [[1, 2]] }, join(dir, 'x.png'))).rejects.toThrow(
      /values: must have one row per row label \(2\)/,
    );
  });
});

describe('renderBarChart', () => {
  it('writes a grouped bar chart with error bars and a missing value', async () => {
    const file = join(dir, 'bar.png');
    await renderBarChart(
      {
        title: 'Accuracy by method',
        yLabel: 'accuracy',
        categories: ['MNIST', 'CIFAR-10'],
        yMin: 0,
        yMax: 1,
        series: [
          { name: 'teacher', values: [0.98, 0.7], err: [0.005, 0.02] },
          { name: 'student', values: [0.97, null], err: [0.006, null] },
        ],
      },
      file,
    );
    await expectChartPng(file, 900, 560);
  });

  it('rejects empty series and value lists that do not match the categories', async () => {
    const base = { title: 't', yLabel: 'y', categories: ['a', 'b'] };
    await expect(renderBarChart({ ...base, series: [] }, join(dir, 'x.png'))).rejects.toThrow(
      /series: must not be empty/,
    );
    await expect(
      renderBarChart({ ...base, series: [{ name: 's', values: [1] }] }, join(dir, 'x.png')),
    ).rejects.toThrow(/series\[0\]\.values: must have one value per category \(2\)/);
    await expect(
      renderBarChart(
        { ...base, series: [{ name: 's', values: [1, 2], err: [0.1, -1] }] },
        join(dir, 'x.png'),
      ),
    ).rejects.toThrow(/series\[0\]\.err\[1\]: must be a finite number >= 0/);
  });
});

import type {
  CustomSeriesOption,
  CustomSeriesRenderItemAPI,
  CustomSeriesRenderItemParams,
  CustomSeriesRenderItemReturn,
} from 'echarts';

/** One error bar: at `x` (a value, or a category index) from `lo` to `hi`. */
export type ErrorBarDatum = [x: number, lo: number, hi: number];

/** Where the whisker sits horizontally relative to the data x, in pixels, given the category band width. */
type Placement = (bandWidth: number) => { offset: number; capHalfWidth: number };

// Vertical whisker with a cap at each end, after the ECharts "custom-error-bar" example.
function whisker(place: Placement) {
  return (
    _params: CustomSeriesRenderItemParams,
    api: CustomSeriesRenderItemAPI,
  ): CustomSeriesRenderItemReturn => {
    const x = Number(api.value(0));
    const top = api.coord([x, Number(api.value(2))]);
    const bottom = api.coord([x, Number(api.value(1))]);
    const band = api.size ? ((api.size([1, 0]) as number[])[0] ?? 0) : 0;
    const { offset, capHalfWidth } = place(band);
    const cx = (top[0] ?? 0) + offset;
    const y1 = top[1] ?? 0;
    const y2 = bottom[1] ?? 0;
    const style = { stroke: String(api.visual('color')), lineWidth: 1.5, fill: 'none' };
    return {
      type: 'group',
      children: [
        { type: 'line', shape: { x1: cx, y1, x2: cx, y2 }, style },
        { type: 'line', shape: { x1: cx - capHalfWidth, y1, x2: cx + capHalfWidth, y2: y1 }, style },
        { type: 'line', shape: { x1: cx - capHalfWidth, y1: y2, x2: cx + capHalfWidth, y2 }, style },
      ],
    };
  };
}

// Data items are [x, lo, hi]; encoding both ends on y makes the y axis extent include the whiskers.
function errorBarSeries(
  name: string,
  color: string,
  data: ErrorBarDatum[],
  place: Placement,
): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    data,
    encode: { x: 0, y: [1, 2] },
    itemStyle: { color },
    clip: true,
    z: 3,
    silent: true,
    renderItem: whisker(place),
  };
}

/** Custom series drawing ±err whiskers at the points of a line series on value axes. */
export function lineErrorBars(name: string, color: string, data: ErrorBarDatum[]): CustomSeriesOption {
  return errorBarSeries(name, color, data, () => ({ offset: 0, capHalfWidth: 5 }));
}

/**
 * Custom series drawing whiskers over bar `index` of `count` bars per category. The bar chart
 * lays bars out with `barWidth = groupFraction / count` of the band and no gap, so bar `index`
 * is centred at `band * groupFraction * ((index + 0.5) / count - 0.5)` from the band centre.
 */
export function barErrorBars(
  name: string,
  color: string,
  data: ErrorBarDatum[],
  index: number,
  count: number,
  groupFraction: number,
): CustomSeriesOption {
  return errorBarSeries(name, color, data, (band) => ({
    offset: band * groupFraction * ((index + 0.5) / count - 0.5),
    capHalfWidth: Math.min(((band * groupFraction) / count) * 0.25, 8),
  }));
}

/** Left-to-right order of the method's objects. */
export const LINEAGE_TYPES = [
  'Dataset',
  'Split',
  'Subset',
  'Teacher',
  'Checkpoint',
  'Ensemble',
  'Student',
  'Run',
];

/** Vertical and horizontal spacing of the layout, in screen pixels. */
export const LINEAGE_ROW = 26;
export const LINEAGE_COLUMN = 180;
/** Labels (11 px) sit right of their node and are cut at this width, short of the next column. */
export const LINEAGE_LABEL_WIDTH = 165;

/**
 * Layered positions: x by the node's type (dataset → … → student), y by order of appearance in
 * its layer, centred. Deterministic, so the graph does not jump between renders. Coordinates are
 * screen pixels and only the layers present take a column: ECharts fits the graph into its box
 * keeping the aspect ratio, so a layout much taller than its box squeezed the columns together
 * and the labels ran into the next layer's nodes.
 */
export function layoutLineage(
  nodes: readonly { id: string; type: string }[],
  _edges: readonly { from: string; to: string }[],
): Map<string, { x: number; y: number }> {
  const layers = new Map<number, string[]>();
  for (const n of nodes) {
    const i = LINEAGE_TYPES.indexOf(n.type);
    const layer = i < 0 ? LINEAGE_TYPES.length : i;
    layers.set(layer, [...(layers.get(layer) ?? []), n.id]);
  }
  const tallest = Math.max(1, ...[...layers.values()].map((l) => l.length));
  const columns = [...layers.keys()].sort((a, b) => a - b);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [layer, ids] of layers) {
    const offset = ((tallest - ids.length) * LINEAGE_ROW) / 2;
    const x = columns.indexOf(layer) * LINEAGE_COLUMN;
    ids.forEach((id, j) => pos.set(id, { x, y: offset + j * LINEAGE_ROW }));
  }
  return pos;
}

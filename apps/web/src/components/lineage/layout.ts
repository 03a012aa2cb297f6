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

/**
 * Layered positions: x by the node's type (dataset → … → student), y by order of appearance in
 * its layer, centred. Deterministic, so the graph does not jump between renders.
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
  const pos = new Map<string, { x: number; y: number }>();
  for (const [layer, ids] of layers) {
    const offset = ((tallest - ids.length) * 60) / 2;
    ids.forEach((id, j) => pos.set(id, { x: layer * 180, y: offset + j * 60 }));
  }
  return pos;
}

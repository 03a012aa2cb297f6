import { describe, expect, it } from 'vitest';

import { layoutLineage, LINEAGE_COLUMN, LINEAGE_ROW } from './layout.ts';

describe('layoutLineage', () => {
  it('places types in method order left to right and centres short layers', () => {
    const pos = layoutLineage(
      [
        { id: 's1', type: 'Student' },
        { id: 'd', type: 'Dataset' },
        { id: 't1', type: 'Teacher' },
        { id: 't2', type: 'Teacher' },
      ],
      [],
    );
    expect(pos.get('d')!.x).toBeLessThan(pos.get('t1')!.x);
    expect(pos.get('t1')!.x).toBeLessThan(pos.get('s1')!.x);
    expect(pos.get('t1')!.y).not.toBe(pos.get('t2')!.y);
    expect(pos.get('d')!.y).toBe(LINEAGE_ROW / 2);
    // Only the layers present take a column (no gap where Split, Subset, … are missing).
    expect(pos.get('s1')!.x - pos.get('t1')!.x).toBe(LINEAGE_COLUMN);
  });
});

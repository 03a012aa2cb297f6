'use client';
import { useMemo } from 'react';

import type { BandKind } from './aggregate.ts';
import { differingKeys, runFacts } from './run-facts.ts';
import type { CompareRun } from './runs-by-ids.ts';

/** "Group by" (any fact that differs across the runs) and, when grouped, the band's statistic. */
export function GroupControls({
  runs,
  groupKey,
  band,
  onGroup,
  onBand,
}: {
  runs: readonly CompareRun[] | null;
  groupKey: string | null;
  band: BandKind;
  onGroup: (key: string | null) => void;
  onBand: (band: BandKind) => void;
}) {
  const options = useMemo(() => {
    const keys = runs ? differingKeys(runs.map(runFacts)) : [];
    return groupKey && !keys.includes(groupKey) ? [groupKey, ...keys] : keys;
  }, [runs, groupKey]);
  return (
    <>
      <label>
        Group by{' '}
        <select
          aria-label="Group by"
          value={groupKey ?? ''}
          onChange={(e) => onGroup(e.target.value || null)}
        >
          <option value="">none (one line per run)</option>
          {options.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      {groupKey && (
        <label>
          Band{' '}
          <select aria-label="Band" value={band} onChange={(e) => onBand(e.target.value as BandKind)}>
            <option value="sem">mean ± SEM</option>
            <option value="minmax">min / max</option>
          </select>
        </label>
      )}
    </>
  );
}

'use client';

/** Shared chart settings: EMA weight, log y and what x is. */
export interface ChartSettings {
  smoothing: number;
  logY: boolean;
  xKind: 'step' | 'epoch' | 'time';
}

/** Smoothing, log scale and x-axis controls above a chart grid (children add page-specific ones). */
export function ChartControls({
  value,
  onChange,
  epochAvailable,
  timeAvailable = false,
  children,
}: {
  value: ChartSettings;
  onChange: (v: ChartSettings) => void;
  epochAvailable: boolean;
  timeAvailable?: boolean;
  children?: React.ReactNode;
}) {
  const unavailable = [
    epochAvailable ? '' : 'epoch: no epoch metric',
    timeAvailable ? '' : 'time: not in downsampled series',
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <div className="toolbar">
      <label>
        Smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={value.smoothing}
          onChange={(e) => onChange({ ...value, smoothing: Number(e.target.value) })}
          aria-label="Smoothing"
        />
        <span className="mono">{value.smoothing.toFixed(2)}</span>
      </label>
      <label>
        <input
          type="checkbox"
          checked={value.logY}
          onChange={(e) => onChange({ ...value, logY: e.target.checked })}
        />{' '}
        Log scale
      </label>
      <label>
        X axis
        {/* A select is as wide as its longest option: the reasons an axis is off go in the tooltip. */}
        <select
          value={value.xKind}
          onChange={(e) => onChange({ ...value, xKind: e.target.value as ChartSettings['xKind'] })}
          aria-label="X axis"
          title={unavailable || undefined}
        >
          <option value="step">step</option>
          <option value="epoch" disabled={!epochAvailable}>
            epoch{epochAvailable ? '' : ' (n/a)'}
          </option>
          <option value="time" disabled={!timeAvailable}>
            time{timeAvailable ? '' : ' (n/a)'}
          </option>
        </select>
      </label>
      {children}
    </div>
  );
}

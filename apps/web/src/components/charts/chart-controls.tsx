'use client';

/** Shared chart settings: EMA weight, log y and what x is. */
export interface ChartSettings {
  smoothing: number;
  logY: boolean;
  xKind: 'step' | 'epoch' | 'time';
}

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
        <select
          value={value.xKind}
          onChange={(e) => onChange({ ...value, xKind: e.target.value as ChartSettings['xKind'] })}
          aria-label="X axis"
        >
          <option value="step">step</option>
          <option value="epoch" disabled={!epochAvailable}>
            epoch{epochAvailable ? '' : ' (no epoch metric)'}
          </option>
          <option value="time" disabled={!timeAvailable}>
            time{timeAvailable ? '' : ' (not in downsampled series)'}
          </option>
        </select>
      </label>
      {children}
    </div>
  );
}

import { badInput } from '@distillery/errors';

/** Learning-rate schedule. Positions are measured in epochs, fractional within an epoch (step / stepsPerEpoch). */
export type LrSchedule =
  /** The original: Adam with a constant rate. */
  | { kind: 'constant' }
  /** Cosine decay from the base rate to `minFactor`·base over the whole run (Loshchilov & Hutter 2017 without restarts). */
  | { kind: 'cosine'; minFactor?: number }
  /** Piecewise constant: base·factor from each `epoch` on (e.g. the thesis plot: 0.1, 0.02 at 150, 0.004 at 225). */
  | { kind: 'step'; boundaries: { epoch: number; factor: number }[] }
  /**
   * Snapshot ensembles (Huang et al. 2017): cosine annealing with warm restarts every `cycleEpochs`,
   * from base to base·minFactor (the thesis plot: 0.1, period 50, floor ×0.004); a snapshot at each cycle end.
   */
  | { kind: 'snapshot'; cycleEpochs: number; minFactor?: number }
  /**
   * FGE (Garipov et al. 2018): constant base rate for `startEpoch` epochs, then triangular cycles of
   * `cycleEpochs`: linear from `lrHigh` down to `lrLow` at mid-cycle and back; a checkpoint at each low point.
   */
  | { kind: 'fge'; startEpoch: number; cycleEpochs: number; lrHigh: number; lrLow: number };

/** Check a schedule; throws BAD_USER_INPUT naming the field. */
export function validateSchedule(s: LrSchedule, epochs: number): void {
  const positive = (field: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0)) throw badInput(`schedule.${field}`, v, 'must be a positive number');
  };
  if (s.kind === 'snapshot') {
    positive('cycleEpochs', s.cycleEpochs);
    if (s.cycleEpochs > epochs)
      throw badInput('schedule.cycleEpochs', s.cycleEpochs, `must not exceed epochs (${epochs})`);
  } else if (s.kind === 'fge') {
    positive('cycleEpochs', s.cycleEpochs);
    positive('lrHigh', s.lrHigh);
    positive('lrLow', s.lrLow);
    if (s.lrLow > s.lrHigh) throw badInput('schedule.lrLow', s.lrLow, 'must not exceed lrHigh');
    if (!(s.startEpoch >= 0)) throw badInput('schedule.startEpoch', s.startEpoch, 'must be ≥ 0');
  }
}

/** Learning rate at position t (epochs, fractional) for a run of `epochs` epochs. */
export function learningRateAt(s: LrSchedule, base: number, t: number, epochs: number): number {
  switch (s.kind) {
    case 'constant':
      return base;
    case 'cosine': {
      const min = base * (s.minFactor ?? 0);
      return min + 0.5 * (base - min) * (1 + Math.cos((Math.PI * Math.min(t, epochs)) / epochs));
    }
    case 'step':
      return base * s.boundaries.filter((b) => t >= b.epoch).reduce((f, b) => b.factor, 1);
    case 'snapshot': {
      // lr = min + ½(base − min)(1 + cos(π · (t mod T) / T)), Huang et al. 2017 eq. 2.
      const min = base * (s.minFactor ?? 0.004);
      return min + 0.5 * (base - min) * (1 + Math.cos((Math.PI * (t % s.cycleEpochs)) / s.cycleEpochs));
    }
    case 'fge': {
      if (t < s.startEpoch) return base;
      const phase = ((t - s.startEpoch) % s.cycleEpochs) / s.cycleEpochs;
      // Garipov et al. 2018 eq. 2: (1 − 2φ)α1 + 2φα2 for φ ≤ ½, (2 − 2φ)α2 + (2φ − 1)α1 after.
      return phase <= 0.5
        ? (1 - 2 * phase) * s.lrHigh + 2 * phase * s.lrLow
        : (2 - 2 * phase) * s.lrLow + (2 * phase - 1) * s.lrHigh;
    }
  }
}

/**
 * Global steps (1-based, counted over the run) after which a snapshot/FGE checkpoint is taken:
 * the end of each cosine cycle, or each triangular low point.
 */
export function checkpointSteps(s: LrSchedule, epochs: number, stepsPerEpoch: number): number[] {
  const total = epochs * stepsPerEpoch;
  const out: number[] = [];
  if (s.kind === 'snapshot') {
    const cycle = Math.round(s.cycleEpochs * stepsPerEpoch);
    for (let k = cycle; k <= total; k += cycle) out.push(k);
  } else if (s.kind === 'fge') {
    const start = Math.round(s.startEpoch * stepsPerEpoch);
    const cycle = Math.max(2, Math.round(s.cycleEpochs * stepsPerEpoch));
    // The step that runs at phase ½ (the lowest rate) is number start + cycle/2 + 1.
    for (let k = start + Math.floor(cycle / 2) + 1; k <= total; k += cycle) out.push(k);
  }
  return out;
}

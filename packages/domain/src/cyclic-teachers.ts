// One cyclic teacher run (snapshot ensemble, FGE) standing in for N independent teachers at equal
// training cost (issue 22 item 4): the run trains cycles × E epochs, E being one independent teacher's
// epochs, and checkpoint k is member k. An experiment grid names the checkpoints before the run exists,
// so it needs to know in which epoch each is taken; that must agree with the runner's schedule
// (apps/runner cycleSchedule + @distillery/ml checkpointSteps), which the runner's cycle-schedule test
// checks for several steps per epoch.
import { badInput } from '@distillery/errors';

/** Where a cyclic teacher's checkpoints are taken. */
export interface CyclicPlan {
  /** Epochs of the whole run (its job's `epochs`). */
  runEpochs: number;
  /** 1-based epoch in which checkpoint k (cycle k) is taken; one per cycle, all distinct. */
  checkpointEpochs: number[];
}

/**
 * The plan of a SNAPSHOT or FGE run with `cycles` checkpoints replacing `cycles` independent teachers
 * of `epochsPerTeacher` epochs each. SNAPSHOT: cosine restarts every E epochs, checkpoint k ends epoch
 * (k+1)·E. FGE: the first half (cycles·E/2 epochs) at the base rate, then cycles of E/2 epochs with
 * the checkpoint at each cycle's lowest rate, epoch cycles·E/2 + k·E/2 + ⌊E/4⌋ + 1; E must be even so
 * that every cycle is a whole number of epochs and the epoch does not depend on the steps per epoch
 * (it does not for any steps per epoch when a cycle has at least two steps). Refusals name `field`.
 */
export function cyclicPlan(
  origin: 'SNAPSHOT' | 'FGE',
  cycles: number,
  epochsPerTeacher: number,
  field: string,
): CyclicPlan {
  const runEpochs = cycles * epochsPerTeacher;
  const ks = Array.from({ length: cycles }, (_, k) => k);
  if (origin === 'SNAPSHOT')
    return { runEpochs, checkpointEpochs: ks.map((k) => (k + 1) * epochsPerTeacher) };
  if (epochsPerTeacher < 2 || epochsPerTeacher % 2 !== 0)
    throw badInput(
      field,
      epochsPerTeacher,
      'an FGE teacher needs an even number of epochs per member (≥ 2): half of the run trains before the cycles, each cycle takes half a member’s epochs',
    );
  const cycle = epochsPerTeacher / 2;
  const start = runEpochs / 2;
  return { runEpochs, checkpointEpochs: ks.map((k) => start + k * cycle + Math.floor(cycle / 2) + 1) };
}

// The per-launch training switches (issue 22) as command-line flags, shared by `teachers train`,
// `baseline` and `distill`: what is not given takes the method's way on the server
// (TrainingOptionsInput), so only the flags a person typed are sent.
import type { TrainingOptionsInput } from '@distillery/client';
import { EPOCH_BUDGETS, MAX_PATIENCE, RESTORE_BEST } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { cliName, pickName } from './vocabulary.ts';

/** The parsed flags (commander's option names). */
export interface TrainingFlags {
  augment?: boolean;
  epochBudget?: string;
  patience?: string;
  restoreBest?: string;
}

/** Add --no-augment, --epoch-budget, --patience and --restore-best to a command. */
export function addTrainingFlags(cmd: Command): Command {
  return cmd
    .option('--no-augment', 'train on raw images (default: dataset jitter + the architecture’s RandAugment)')
    .option(
      '--epoch-budget <b>',
      `steps per epoch: ${EPOCH_BUDGETS.map(cliName).join(' or ')} (default original: full training set / batch)`,
    )
    .option('--patience <n>', 'early-stopping patience in epochs, 0 = off (default: the architecture’s)')
    .option(
      '--restore-best <r>',
      `${RESTORE_BEST.map(cliName).join(', ')} (default on_early_stop, as the original's Keras)`,
    );
}

/** The TrainingOptionsInput of the typed flags, or undefined when none was given. */
export function trainingInput(o: TrainingFlags): TrainingOptionsInput | undefined {
  const input: TrainingOptionsInput = {};
  if (o.augment === false) input.augment = false;
  if (o.epochBudget !== undefined)
    input.epochBudget = pickName('--epoch-budget', EPOCH_BUDGETS, o.epochBudget);
  if (o.patience !== undefined) {
    const n = Number(o.patience);
    if (!Number.isInteger(n) || n < 0 || n > MAX_PATIENCE)
      throw new AppError(
        AppErrorCode.BAD_USER_INPUT,
        `--patience must be an integer from 0 to ${MAX_PATIENCE}, got "${o.patience}"`,
      );
    input.patience = n;
  }
  if (o.restoreBest !== undefined)
    input.restoreBest = pickName('--restore-best', RESTORE_BEST, o.restoreBest);
  return Object.keys(input).length ? input : undefined;
}

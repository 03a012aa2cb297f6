import { z } from 'zod';

/**
 * The five multi-teacher distillation modes of the MTKD method (ZuchniakK/MTKD `distillation/train.py`,
 * mtkd-method.md §4.2), spelled as the API, the database and the job payloads spell them.
 */
export const DISTILL_MODES = ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL', 'SUPERNET', 'SUPERNET2'] as const;
/** A distillation mode. */
export type DistillMode = (typeof DISTILL_MODES)[number];
/** zod schema of a distillation mode. */
export const distillModeSchema = z.enum(DISTILL_MODES);

/** What the ML core's training loop can run: a distillation mode, or the labels-only baseline (α = 1). */
export const TRAINING_MODES = ['BASELINE', ...DISTILL_MODES] as const;
/** A training-loop mode. */
export type TrainingMode = (typeof TRAINING_MODES)[number];

/** Modes whose aggregator is trained first, on the validation split (they need one). */
export const SUPERNET_MODES: readonly DistillMode[] = ['SUPERNET', 'SUPERNET2'];

/**
 * How the soft targets use the temperature T:
 * - `AS_ORIGINAL`: the method as published; the original stores T but never applies it (T must be 1);
 * - `HINTON`: softmax(z/T) targets and a T²-scaled soft loss (Hinton et al. 2015).
 */
export const TEMPERATURE_MODES = ['AS_ORIGINAL', 'HINTON'] as const;
/** A temperature mode. */
export type TemperatureMode = (typeof TEMPERATURE_MODES)[number];
/** zod schema of a temperature mode. */
export const temperatureModeSchema = z.enum(TEMPERATURE_MODES);

/** How teachers are produced: independent runs, or checkpoints of one run (snapshot ensembles, FGE). */
export const TEACHER_ORIGINS = ['INDEPENDENT', 'SNAPSHOT', 'FGE'] as const;
/** A teacher origin. */
export type TeacherOrigin = (typeof TEACHER_ORIGINS)[number];
/** zod schema of a teacher origin. */
export const teacherOriginSchema = z.enum(TEACHER_ORIGINS);

// How many runs a launchExperiment grid queues, by kind: the API checks its limit with it and the
// dashboard previews it before launching, so the preview is the count the API will queue.

/** Largest grid one request may create (runs), so one launch transaction stays bounded. */
export const MAX_GRID_RUNS = 5000;

/** The grid dimensions that decide how many runs a launch creates. */
export interface GridShape {
  teacherCounts: readonly number[];
  fractions: readonly number[];
  modes: readonly string[];
  alphas: readonly number[];
  repetitions: number;
  includeBaselines: boolean;
  /** SNAPSHOT/FGE: one cyclic teacher run per (repetition, p) whose checkpoints are the members. */
  teacherOrigin?: string | undefined;
}

/** Runs of a grid by kind; `total` includes the one EXPERIMENT run that tracks the rest. */
export interface GridCounts {
  teachers: number;
  ensembles: number;
  students: number;
  baselines: number;
  total: number;
}

/**
 * The method's driver (mtkd-method.md §4.3): per repetition and fraction p, max(N) teachers (one
 * cyclic run for SNAPSHOT/FGE); per N an ensemble of the first N and per (mode, α) a student of
 * them; per repetition a baseline; one plan run.
 */
export function gridCounts(g: GridShape): GridCounts {
  const perRepetition = g.repetitions * g.fractions.length;
  const cyclic = g.teacherOrigin !== undefined && g.teacherOrigin !== 'INDEPENDENT';
  const teachers = perRepetition * (cyclic ? 1 : Math.max(0, ...g.teacherCounts));
  const ensembles = perRepetition * g.teacherCounts.length;
  const students = ensembles * g.modes.length * g.alphas.length;
  const baselines = g.includeBaselines ? g.repetitions : 0;
  return { teachers, ensembles, students, baselines, total: teachers + ensembles + students + baselines + 1 };
}

/** Total runs of a grid, the EXPERIMENT run included. */
export function gridSize(g: GridShape): number {
  return gridCounts(g).total;
}

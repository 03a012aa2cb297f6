'use client';
import { gridCounts, type GridShape, MAX_GRID_RUNS } from '@distillery/domain';

/** Grids above this many runs ask before they are queued. */
export const CONFIRM_ABOVE_RUNS = 50;

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What a grid queues, in words: the same count (@distillery/domain's gridCounts) the API queues. */
export function describeGrid(g: GridShape): string {
  const c = gridCounts(g);
  const parts = [
    plural(c.teachers, 'teacher'),
    plural(c.ensembles, 'ensemble evaluation'),
    plural(c.students, 'student'),
    ...(c.baselines ? [plural(c.baselines, 'baseline')] : []),
  ];
  return `This grid queues ${plural(c.total, 'run')}: ${parts.join(', ')} and the plan run.`;
}

/** The live run-count preview under the experiment form (`grid` is null while a field is refused). */
export function GridPreview({ grid }: { grid: GridShape | null }) {
  if (!grid)
    return (
      <div className="grid-preview muted" data-testid="grid-preview">
        Fix the fields above to see how many runs this grid queues.
      </div>
    );
  const total = gridCounts(grid).total;
  return (
    <div className="grid-preview" data-testid="grid-preview" data-total={total}>
      {describeGrid(grid)}
      {total > MAX_GRID_RUNS && (
        <div className="error">
          The API queues at most {MAX_GRID_RUNS.toLocaleString('en')} runs per launch.
        </div>
      )}
    </div>
  );
}

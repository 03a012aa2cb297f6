'use client';
import { toAppError } from '@distillery/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { DistillationStudentsDocument } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { operationKey } from '../../lib/graphql/hooks.ts';
import { MatrixHeatmap } from '../charts/heatmap.tsx';
import { useProject } from '../shell/project-context.tsx';
import { QueryError } from '../shell/query-error.tsx';
import { type AXES, type GridStudent, studentGrid } from './student-grid.ts';

const METRIC = 'test_accuracy';
const percent = (v: number) => `${(v * 100).toFixed(1)}`;

function GridHeatmap({
  students,
  row,
  col,
  title,
  testId,
}: {
  students: readonly GridStudent[];
  row: keyof typeof AXES;
  col: keyof typeof AXES;
  title: string;
  testId: string;
}) {
  const grid = useMemo(() => studentGrid(students, row, col, METRIC), [students, row, col]);
  // The cells as drawn (mean and n per cell), read by the browser test against the database.
  const cells = JSON.stringify(
    grid.rows.flatMap((r, i) =>
      grid.cols.map((c, j) => ({ row: r, col: c, mean: grid.values[i]![j], n: grid.counts[i]![j] })),
    ),
  );
  return (
    <div data-testid={`${testId}-panel`} data-cells={cells}>
      <h3 className="chart-title">{title}</h3>
      {grid.rows.length === 0 ? (
        <div className="muted">No succeeded student reports {METRIC}.</div>
      ) : (
        <MatrixHeatmap
          rows={grid.rows}
          cols={grid.cols}
          values={grid.values}
          format={percent}
          xName={col === 'alpha' ? 'α' : col === 'teachers' ? 'N teachers' : 'T'}
          height={Math.max(220, 70 + 44 * grid.rows.length)}
          testId={testId}
        />
      )}
    </div>
  );
}

/**
 * The project's students at a glance: mean test accuracy (%) over α × N and T × α, optionally of
 * one distillation mode (modes differ too much to average across them silently).
 */
export function DistillationPanel() {
  const vars = { projectId: useProject().id };
  const q = useQuery({
    queryKey: operationKey(DistillationStudentsDocument, vars),
    enabled: vars.projectId !== '',
    queryFn: ({ signal }) => browserClient().send(DistillationStudentsDocument, vars, { signal }),
  });
  const all = q.data?.students ?? [];
  const modes = useMemo(() => [...new Set(all.map((s) => s.mode))].sort(), [all]);
  const [mode, setMode] = useState<string>('');
  const students = useMemo(() => (mode ? all.filter((s) => s.mode === mode) : all), [all, mode]);
  return (
    <section className="panel" data-testid="distillation" data-ready={q.data ? '1' : ''}>
      <div className="spread">
        <h2>Students of this project: test accuracy (%)</h2>
        <label className="muted">
          mode{' '}
          <select aria-label="Distillation mode" value={mode} onChange={(e) => setMode(e.target.value)}>
            <option value="">all modes</option>
            {modes.map((m) => (
              <option key={m} value={m}>
                {m.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryError error={q.error ? toAppError(q.error) : undefined} />
      <div className="grid-2">
        <GridHeatmap
          students={students}
          row="alpha"
          col="teachers"
          title="α (rows) × N teachers"
          testId="heatmap-alpha-n"
        />
        <GridHeatmap
          students={students}
          row="temperature"
          col="alpha"
          title="T (rows) × α"
          testId="heatmap-t-alpha"
        />
      </div>
    </section>
  );
}

import { describe, expect, it } from 'vitest';

import { gridCounts, gridSize } from './experiment-grid.ts';

describe('experiment grid size', () => {
  it('counts the method’s grid by kind, the plan run included', () => {
    const g = {
      teacherCounts: [1, 2],
      fractions: [0.5, 1],
      modes: ['OUTPUT_AVG', 'MIMIC_ALL'],
      alphas: [0, 0.5],
      repetitions: 2,
      includeBaselines: true,
    };
    // per (rep, p): max N = 2 teachers, 2 ensembles, 2 × 2 × 2 students; 2 reps × 2 fractions; 2 baselines
    expect(gridCounts(g)).toEqual({ teachers: 8, ensembles: 8, students: 32, baselines: 2, total: 51 });
    expect(gridSize({ ...g, includeBaselines: false })).toBe(49);
    // One cyclic teacher run per (rep, p) whose checkpoints are the members.
    expect(gridCounts({ ...g, teacherOrigin: 'SNAPSHOT' }).teachers).toBe(4);
    expect(gridSize({ ...g, teacherOrigin: 'INDEPENDENT' })).toBe(51);
  });
});

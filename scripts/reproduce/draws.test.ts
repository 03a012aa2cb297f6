import { describe, expect, it } from 'vitest';

import { drawTeachers } from './draws.ts';

// docs/results.md distilled from these draws: a key's teachers must never change silently.
describe('drawTeachers', () => {
  it('pins the teachers a key draws', () => {
    expect(drawTeachers(10, 4, 'mnist grid p=0.6 rep=0')).toEqual([8, 5, 4, 0]);
    expect(drawTeachers(10, 10, 'x').toSorted((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => drawTeachers(3, 4, 'x')).toThrow(/cannot draw 4 of 3/);
  });
});

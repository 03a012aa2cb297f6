// The claims section pairs the runs that differ in one thing only; built from run records shaped as
// the API returns them, with accuracies chosen so the expected pairs and verdicts are known.
import { describe, expect, it } from 'vitest';

import { claimsSection } from './claims-section.ts';
import type { RunRecord } from './collect.ts';

let next = 0;
function run(
  role: string,
  kind: string,
  tags: Record<string, string | number>,
  params: Record<string, unknown>,
  acc: number,
  name = 'r',
): RunRecord {
  return {
    id: String(++next),
    name,
    kind,
    status: 'SUCCEEDED',
    study: 'grid',
    role,
    tags: new Map(Object.entries(tags).map(([k, v]) => [k, String(v)])),
    params,
    summary: { test_accuracy: acc, mean_test_accuracy: acc },
    seconds: 1,
    startedAt: 0,
    finishedAt: 1,
    failureReason: null,
  };
}

describe('claimsSection', () => {
  // 12 students per mode: p = 1, N ∈ {2, 3}, 3 repetitions, α ∈ {0, 0.5}; baselines 0.90 + rep/100.
  const grid: RunRecord[] = [];
  for (let rep = 0; rep < 3; rep++)
    grid.push(run('baseline', 'BASELINE', { rep }, {}, 0.9 + rep / 100, `baseline test seed=${rep}`));
  for (let i = 0; i < 5; i++) grid.push(run('teacher', 'TEACHER', { p: 1 }, {}, 0.95));
  let k = 0;
  for (const N of [2, 3])
    for (let rep = 0; rep < 3; rep++)
      for (const alpha of [0, 0.5]) {
        k++;
        // mimic_all: 2 pp above its repetition's baseline, plus a distinct small offset (no tied ranks);
        // output_avg: exactly its baseline, so it never beats it.
        grid.push(
          run(
            'student',
            'STUDENT',
            { p: 1, N, rep },
            { mode: 'MIMIC_ALL', alpha },
            0.92 + rep / 100 + k / 1e4,
          ),
        );
        grid.push(
          run('student', 'STUDENT', { p: 1, N, rep }, { mode: 'OUTPUT_AVG', alpha }, 0.9 + rep / 100),
        );
      }
  const s = claimsSection('D', { grid, hinton: [], snapshot: [], second: [] });
  const find = (claim: string) => s.findings.find((f) => f.claim.startsWith(claim))!;

  it('pairs each student with the baseline of its repetition and tests mimic_all − output_avg', () => {
    expect(s.markdown).toContain('| student beats the label-only baseline | mimic_all − baseline | +2.');
    expect(s.markdown).toMatch(/mimic_all − baseline \| \+2\.\d\d pp \(0\.\d\d\), 12 \| 12 of 12 \|/);
    expect(s.markdown).toMatch(
      /output_avg − baseline \| \+0\.00 pp \(0\.00\), 12 \| 0 of 12 \(12 ties\) \| 1\.0000 \|/,
    );
    expect(s.markdown).toMatch(/mimic_all − output_avg \| \+2\.\d\d pp \(0\.\d\d\), 12 \| 12 of 12 \|/);
  });

  it('says which claims held after the Holm adjustment', () => {
    const base = find('student beats the label-only baseline (paired');
    // mimic_all is significant, output_avg is not: the claim as a whole did not hold.
    expect(base.held).toBe(false);
    expect(base.evidence).toMatch(/^1 of 2 comparisons significant/);
    expect(find('mimic_all beats output_avg').held).toBe(true);
    expect(find('the precondition').held).toBe(true);
    // α pairs share teachers, seed and mode: 6 pairs of mimic_all at α = 0.5 vs 0.
    expect(s.markdown).toMatch(/mimic_all α = 0\.5 − α = 0 \| \+0\.\d\d pp \(0\.00\), 6 \| 6 of 6 \|/);
  });
});

import { leafPaths, readPath } from '../runs/columns.ts';
import type { CompareRun, CompareSubset } from './runs-by-ids.ts';

/** One cell of the params side of the comparison: scalars only (lists are joined). */
export type Fact = string | number | boolean | null;

// Params keys the facts already show from the run's own columns (teachers' architecture, p, origin;
// students' mode, α, T): listed once, under the fact's name (the value here).
const COVERED: ReadonlyMap<string, string> = new Map([
  ['architectureKey', 'architecture'],
  ['fraction', 'p'],
  ['origin', 'origin'],
  ['mode', 'mode'],
  ['alpha', 'alpha'],
  ['temperature', 'temperature'],
  ['temperatureMode', 'temperatureMode'],
]);

/**
 * The fact (a compare `group=` key) that shows a params path the runs table groups by: the covering
 * fact (`fraction` → `p`, `mode` → `mode`), else `params.<path>` (so `seed` means params.seed, not
 * the run's own seed).
 */
export function factOfParam(path: string): string {
  return COVERED.get(path) ?? `params.${path}`;
}

function subsetName(s: CompareSubset): string {
  return `${s.label ?? `p=${s.fraction} seed=${s.seed} ${s.method.toLowerCase()}`} · ${s.id.slice(0, 8)}`;
}

function scalar(v: unknown): Fact {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(', ') : JSON.stringify(v);
}

/**
 * Everything that tells one run from another, by name: kind, architecture, data (dataset, split,
 * the teacher's subset, p), seed, the distillation settings and teachers of a student, then every
 * `params.<path>` (training options included). Teachers launched together carry the same params
 * and differ only in subset and seed, which live outside `params`; they must show here.
 */
export function runFacts(run: CompareRun): Record<string, Fact> {
  const params = run.params as Record<string, unknown> | null;
  const t = run.teacher;
  const s = run.student;
  const facts: Record<string, Fact> = {
    kind: run.kind,
    architecture: run.architectureKey ?? scalar(readPath(params, 'architectureKey')),
    dataset: run.datasetId ? run.datasetId.slice(0, 8) : null,
    split: run.splitId ? run.splitId.slice(0, 8) : null,
    subset: t ? (t.subset ? subsetName(t.subset) : 'whole split') : null,
    p: t?.fraction ?? s?.teacherFraction ?? scalar(readPath(params, 'fraction')),
    seed: run.seed,
    origin: t?.origin ?? scalar(readPath(params, 'origin')),
    mode: s?.mode ?? scalar(readPath(params, 'mode')),
    alpha: s?.alpha ?? scalar(readPath(params, 'alpha')),
    temperature: s?.temperature ?? scalar(readPath(params, 'temperature')),
    temperatureMode: s?.temperatureMode ?? scalar(readPath(params, 'temperatureMode')),
    teachers: s ? s.teachers.map((x) => x.run.name).join(', ') : null,
  };
  for (const path of leafPaths(params, 3)) {
    if (COVERED.has(path)) continue;
    facts[`params.${path}`] = scalar(readPath(params, path));
  }
  return facts;
}

/** The fact a `group=<key>` names: a fact (`seed`, `alpha`, `subset`), else a params path with or without `params.`. */
export function groupValue(facts: Record<string, Fact>, key: string): Fact {
  if (key in facts) return facts[key] ?? null;
  return facts[`params.${key}`] ?? null;
}

/** Keys (in first-seen order) whose values are not all equal across the rows; a missing key counts as null. */
export function differingKeys(rows: readonly Record<string, Fact>[]): string[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return keys.filter((k) => new Set(rows.map((r) => JSON.stringify(r[k] ?? null))).size > 1);
}

/** Keys present (non-null) in at least one row, in first-seen order. */
export function presentKeys(rows: readonly Record<string, Fact>[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== null)))];
}

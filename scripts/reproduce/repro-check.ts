// The reproducibility check: a teacher and a student re-run with the same seeds must give the same
// subset members, metrics and prediction bytes as the originals (CPU backend, same machine).
import { createHash } from 'node:crypto';

import {
  RunPredictionsDocument,
  SubsetMembersDocument,
  TeacherCheckpointsDocument,
  type DistilleryClient,
} from '@distillery/client';

import { num, tagNum } from './analysis.ts';
import type { RunRecord } from './collect.ts';

/** One compared quantity. */
export interface ReproLine {
  what: string;
  original: string;
  rerun: string;
  identical: boolean;
}

async function predictionHash(client: DistilleryClient, runId: string): Promise<string> {
  const { run } = await client.request(RunPredictionsDocument, { id: runId, splitRole: 'TEST' });
  const p = run?.predictions.at(-1);
  return p
    ? createHash('sha256').update(Buffer.from(p.probsBase64, 'base64')).digest('hex').slice(0, 16)
    : 'none';
}

async function subsetMembers(client: DistilleryClient, runId: string): Promise<string> {
  const { run } = await client.request(TeacherCheckpointsDocument, { runId });
  const id = run?.teacher?.subsetId;
  if (!id) return 'whole split';
  const all: number[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const { subset } = await client.request(SubsetMembersDocument, { id, limit: 10_000, offset });
    const page = subset?.memberIndices ?? [];
    all.push(...page);
    if (page.length < 10_000) break;
  }
  return `${all.length} samples, sha256 ${createHash('sha256').update(Uint32Array.from(all)).digest('hex').slice(0, 16)}`;
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(10) : 'n/a');

/** Compare each re-run with its original in the grid. */
export async function reproducibility(
  client: DistilleryClient,
  reruns: RunRecord[],
  grid: RunRecord[],
): Promise<ReproLine[]> {
  const lines: ReproLine[] = [];
  for (const r of reruns.filter((x) => x.status === 'SUCCEEDED')) {
    const original =
      r.role === 'teacher'
        ? grid.find(
            (g) =>
              g.role === 'teacher' &&
              g.tags.get('arch') === r.params.architectureKey &&
              tagNum(g, 'p') === tagNum(r, 'p') &&
              g.name.endsWith('seed=0'),
          )
        : grid.find(
            (g) =>
              g.role === 'student' &&
              tagNum(g, 'p') === tagNum(r, 'p') &&
              tagNum(g, 'N') === tagNum(r, 'N') &&
              tagNum(g, 'rep') === 0 &&
              // The crossed α design has one student per α in each repetition.
              Number(g.params.alpha) === Number(r.params.alpha) &&
              g.params.mode === r.params.mode,
          );
    if (!original) continue;
    const label =
      r.role === 'teacher'
        ? `teacher p=${r.tags.get('p')} seed 0`
        : `student ${String(r.params.mode).toLowerCase()} N=${r.tags.get('N')} p=${r.tags.get('p')}`;
    if (r.role === 'teacher') {
      const [a, b] = [await subsetMembers(client, original.id), await subsetMembers(client, r.id)];
      lines.push({ what: `${label}: subset members`, original: a, rerun: b, identical: a === b });
    }
    for (const key of ['test_accuracy', 'test_loss', 'val_loss']) {
      const [a, b] = [num(original, key), num(r, key)];
      lines.push({ what: `${label}: ${key}`, original: fmt(a), rerun: fmt(b), identical: a === b });
    }
    const [ha, hb] = [await predictionHash(client, original.id), await predictionHash(client, r.id)];
    lines.push({
      what: `${label}: test predictions (sha256 of the float32 bytes)`,
      original: ha,
      rerun: hb,
      identical: ha === hb,
    });
  }
  return lines;
}

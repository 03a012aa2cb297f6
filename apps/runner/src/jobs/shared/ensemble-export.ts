// An ensemble's export: its members' exported models merged into one LayersModel fused by the
// (weighted) mean, plus one safetensors file with every member. Members without an export of their
// own (checkpoint members, teachers trained before exports existed) leave the ensemble unexported.
import { exportEnsemble, readLayersModelFiles, type MemberExport } from '@distillery/ml/export';

import type { JobContext } from '../context.ts';
import { saveExports } from './save-exports.ts';

interface StoredFile {
  path: string;
  uri: string;
}

/** Export the ensemble's mean-fused model; returns 'exported' or why it was skipped (for the summary). */
export async function saveEnsembleExport(
  ctx: JobContext,
  ensembleId: string,
  classNames: readonly string[],
): Promise<string> {
  const rows = await ctx.prisma.ensembleMember.findMany({
    where: { ensembleId },
    orderBy: { position: 'asc' },
    include: { teacher: { include: { run: { include: { artifacts: { where: { kind: 'TFJS_MODEL' } } } } } } },
  });
  const members: MemberExport[] = [];
  for (const m of rows) {
    const artifact = m.teacher?.run.artifacts[0];
    if (!m.teacher || m.checkpointId || !artifact)
      return `skipped: member ${m.position} has no exported model`;
    const files = new Map<string, Uint8Array>();
    for (const f of artifact.files as unknown as StoredFile[])
      files.set(f.path, await ctx.artifacts.get(f.uri));
    members.push({ ...readLayersModelFiles(files), architecture: m.teacher.architectureKey });
  }
  const weights = rows.every((m) => m.weight !== null) ? rows.map((m) => m.weight!) : null;
  await saveExports(
    ctx,
    exportEnsemble(members, {
      classNames,
      weights,
      extra: { ensemble_id: ensembleId, run_id: ctx.lease.runId },
    }),
  );
  return 'exported';
}

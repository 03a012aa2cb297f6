import type { PrismaClient } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

/** A trained teacher as a fusion member: its final checkpoint and per-sample predictions. */
export interface MemberOutputs {
  name: string;
  teacherId: string | null;
  checkpointId: string;
  weight: number | null;
  /** Softmax matrices by split role. */
  probs: Partial<Record<'VAL' | 'TEST', Float32Array>>;
}

function toFloat32(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** Load each ensemble member's stored VAL/TEST predictions (its own checkpoint, or its teacher's FINAL one). */
export async function loadEnsembleMembers(
  prisma: PrismaClient,
  ensembleId: string,
): Promise<MemberOutputs[]> {
  const members = await prisma.ensembleMember.findMany({
    where: { ensembleId },
    orderBy: { position: 'asc' },
    include: { teacher: { include: { run: { select: { name: true } } } } },
  });
  const out: MemberOutputs[] = [];
  for (const m of members) {
    const checkpoint = m.checkpointId
      ? await prisma.checkpoint.findUnique({ where: { id: m.checkpointId } })
      : await prisma.checkpoint.findFirst({
          where: { teacherId: m.teacherId, kind: 'FINAL' },
          orderBy: { createdAt: 'desc' },
        });
    if (!checkpoint)
      throw new AppError(
        AppErrorCode.NOT_FOUND,
        `ensemble member ${m.position}: no final checkpoint (has its teacher run succeeded?)`,
      );
    const preds = await prisma.prediction.findMany({
      where: { checkpointId: checkpoint.id, splitRole: { in: ['VAL', 'TEST'] } },
    });
    const probs: MemberOutputs['probs'] = {};
    for (const p of preds) probs[p.splitRole as 'VAL' | 'TEST'] = toFloat32(p.probs);
    out.push({
      name: m.teacher?.run.name ?? `member-${m.position}`,
      teacherId: m.teacherId,
      checkpointId: checkpoint.id,
      weight: m.weight,
      probs,
    });
  }
  return out;
}

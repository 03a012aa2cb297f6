import type { PrismaClient, RunStatus } from '@distillery/db';
import { notFound } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** A node of the lineage graph. */
export interface LineageNode {
  id: string;
  type: 'Dataset' | 'Split' | 'Subset' | 'Teacher' | 'Checkpoint' | 'Ensemble' | 'Student' | 'Run';
  label: string;
  status?: RunStatus | null;
}

type Ref = Pick<LineageNode, 'id' | 'type'>;
interface Links {
  node: LineageNode;
  projectId: string;
  up: Ref[];
  down: Ref[];
}

const MAX_NODES = 5000;

/** Read one node and its direct upstream and downstream neighbours. */
async function links(db: PrismaClient, ref: Ref): Promise<Links | null> {
  const id = ref.id;
  switch (ref.type) {
    case 'Dataset': {
      const d = await db.dataset.findUnique({ where: { id }, include: { splits: { select: { id: true } } } });
      return (
        d && {
          node: { id, type: 'Dataset', label: d.name },
          projectId: d.projectId,
          up: [],
          down: d.splits.map((s) => ({ id: s.id, type: 'Split' })),
        }
      );
    }
    case 'Split': {
      const s = await db.split.findUnique({
        where: { id },
        omit: { assignment: true },
        include: { dataset: { select: { projectId: true } }, subsets: { select: { id: true } } },
      });
      return (
        s && {
          node: { id, type: 'Split', label: `split seed=${s.seed} val=${s.valFraction}` },
          projectId: s.dataset.projectId,
          up: [{ id: s.datasetId, type: 'Dataset' }],
          down: s.subsets.map((x) => ({ id: x.id, type: 'Subset' })),
        }
      );
    }
    case 'Subset': {
      const s = await db.subset.findUnique({
        where: { id },
        omit: { members: true },
        include: {
          split: { omit: { assignment: true }, include: { dataset: { select: { projectId: true } } } },
          teachers: { select: { id: true } },
        },
      });
      return (
        s && {
          node: { id, type: 'Subset', label: `p=${s.fraction} seed=${s.seed}` },
          projectId: s.split.dataset.projectId,
          up: [{ id: s.splitId, type: 'Split' }],
          down: s.teachers.map((t) => ({ id: t.id, type: 'Teacher' })),
        }
      );
    }
    case 'Teacher': {
      const t = await db.teacher.findUnique({
        where: { id },
        include: {
          run: true,
          checkpoints: { select: { id: true } },
          students: { select: { studentId: true, checkpointId: true } },
          ensembleMembers: { select: { ensembleId: true, checkpointId: true } },
        },
      });
      if (!t) return null;
      const up: Ref[] = t.subsetId
        ? [{ id: t.subsetId, type: 'Subset' }]
        : t.run.splitId
          ? [{ id: t.run.splitId, type: 'Split' }]
          : [];
      const down: Ref[] = [
        ...t.checkpoints.map((c) => ({ id: c.id, type: 'Checkpoint' as const })),
        // Members taken from a checkpoint hang below that checkpoint, not below the teacher.
        ...t.students
          .filter((s) => !s.checkpointId)
          .map((s) => ({ id: s.studentId, type: 'Student' as const })),
        ...t.ensembleMembers
          .filter((m) => !m.checkpointId)
          .map((m) => ({ id: m.ensembleId, type: 'Ensemble' as const })),
      ];
      return {
        node: { id, type: 'Teacher', label: t.run.name, status: t.run.status },
        projectId: t.run.projectId,
        up,
        down,
      };
    }
    case 'Checkpoint': {
      const c = await db.checkpoint.findUnique({
        where: { id },
        include: {
          run: { select: { projectId: true } },
          ensembleMembers: { select: { ensembleId: true } },
          students: { select: { studentId: true } },
        },
      });
      return (
        c && {
          node: { id, type: 'Checkpoint', label: `${c.kind} epoch ${c.epoch}` },
          projectId: c.run.projectId,
          up: c.teacherId ? [{ id: c.teacherId, type: 'Teacher' }] : [],
          down: [
            ...c.ensembleMembers.map((m) => ({ id: m.ensembleId, type: 'Ensemble' as const })),
            ...c.students.map((m) => ({ id: m.studentId, type: 'Student' as const })),
          ],
        }
      );
    }
    case 'Ensemble': {
      const e = await db.ensemble.findUnique({
        where: { id },
        include: { members: true, run: { select: { status: true } } },
      });
      return (
        e && {
          node: { id, type: 'Ensemble', label: e.name, status: e.run?.status ?? null },
          projectId: e.projectId,
          up: e.members
            .map((m) =>
              m.checkpointId
                ? { id: m.checkpointId, type: 'Checkpoint' as const }
                : { id: m.teacherId!, type: 'Teacher' as const },
            )
            .filter((r) => r.id),
          down: [],
        }
      );
    }
    case 'Student': {
      const s = await db.student.findUnique({
        where: { id },
        include: { run: true, teachers: { select: { teacherId: true, checkpointId: true } } },
      });
      return (
        s && {
          node: { id, type: 'Student', label: s.run.name, status: s.run.status },
          projectId: s.run.projectId,
          up: s.teachers.map((t) =>
            t.checkpointId
              ? { id: t.checkpointId, type: 'Checkpoint' as const }
              : { id: t.teacherId, type: 'Teacher' as const },
          ),
          down: [],
        }
      );
    }
    case 'Run': {
      const r = await db.run.findUnique({
        where: { id },
        include: {
          teacher: { select: { id: true } },
          student: { select: { id: true } },
          ensemble: { select: { id: true } },
        },
      });
      if (!r) return null;
      const as: Ref | null = r.teacher
        ? { id: r.teacher.id, type: 'Teacher' }
        : r.student
          ? { id: r.student.id, type: 'Student' }
          : r.ensemble
            ? { id: r.ensemble.id, type: 'Ensemble' }
            : null;
      if (as) return links(db, as);
      return {
        node: { id, type: 'Run', label: r.name, status: r.status },
        projectId: r.projectId,
        up: r.splitId ? [{ id: r.splitId, type: 'Split' }] : [],
        down: [],
      };
    }
  }
}

/** Which kind of object an id names (runs are resolved to their teacher/student/ensemble). */
async function identify(db: PrismaClient, id: string): Promise<Ref | null> {
  const probes: [LineageNode['type'], () => Promise<unknown>][] = [
    ['Run', () => db.run.findUnique({ where: { id }, select: { id: true } })],
    ['Teacher', () => db.teacher.findUnique({ where: { id }, select: { id: true } })],
    ['Student', () => db.student.findUnique({ where: { id }, select: { id: true } })],
    ['Ensemble', () => db.ensemble.findUnique({ where: { id }, select: { id: true } })],
    ['Checkpoint', () => db.checkpoint.findUnique({ where: { id }, select: { id: true } })],
    ['Subset', () => db.subset.findUnique({ where: { id }, select: { id: true } })],
    ['Split', () => db.split.findUnique({ where: { id }, select: { id: true } })],
    ['Dataset', () => db.dataset.findUnique({ where: { id }, select: { id: true } })],
  ];
  for (const [type, probe] of probes) if (await probe()) return { id, type };
  return null;
}

/** Ancestors and descendants of an object, as nodes and data-flow edges (VIEWER of its project). */
export async function lineage(ctx: Context, idRaw: string) {
  const id = parseId('id', idRaw);
  const db = ctx.deps.prisma;
  const rootRef = await identify(db, id);
  const root = rootRef && (await links(db, rootRef));
  if (!root) throw notFound('Object', id);
  await requireRole(ctx, root.projectId, 'VIEWER');
  const nodes = new Map<string, LineageNode>([[root.node.id, root.node]]);
  const edges = new Map<string, { from: string; to: string }>();
  const walk = async (start: Links, dir: 'up' | 'down') => {
    const queue: Links[] = [start];
    while (queue.length && nodes.size < MAX_NODES) {
      const cur = queue.shift()!;
      for (const ref of cur[dir]) {
        const [from, to] = dir === 'up' ? [ref.id, cur.node.id] : [cur.node.id, ref.id];
        edges.set(`${from}>${to}`, { from, to });
        if (nodes.has(ref.id) && ref.id !== root.node.id) continue;
        const next = await links(db, ref);
        if (!next || next.projectId !== root.projectId) continue;
        nodes.set(next.node.id, next.node);
        queue.push(next);
      }
    }
  };
  await walk(root, 'up');
  await walk(root, 'down');
  return {
    root: root.node.id,
    nodes: [...nodes.values()],
    edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)),
  };
}

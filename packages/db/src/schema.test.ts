import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Prisma } from './generated/prisma/client.ts';
import { createFullGraph, createTestDatabase, type TestDatabase } from './testing/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('the migrated database matches schema.prisma', () => {
  it('has a table with every scalar field of every model', async () => {
    const cols = await db.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`;
    const byTable = new Map<string, Set<string>>();
    for (const c of cols)
      byTable.set(c.table_name, (byTable.get(c.table_name) ?? new Set()).add(c.column_name));
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThanOrEqual(20);
    for (const model of models) {
      const fieldEnum = (Prisma as unknown as Record<string, Record<string, string>>)[
        `${model}ScalarFieldEnum`
      ];
      expect(fieldEnum, model).toBeDefined();
      const columns = byTable.get(model);
      expect(columns, `table ${model}`).toBeDefined();
      for (const field of Object.values(fieldEnum ?? {}))
        expect(columns?.has(field), `${model}.${field}`).toBe(true);
    }
  });

  it('can write and read every model through the generated client', async () => {
    const g = await createFullGraph(db.prisma);
    const student = await db.prisma.student.findUniqueOrThrow({
      where: { runId: g.studentRunId },
      include: {
        teachers: {
          include: {
            teacher: {
              include: { subset: true, checkpoints: { include: { predictions: true, artifact: true } } },
            },
          },
        },
      },
    });
    expect(student.teachers[0]?.teacher.subset?.fraction).toBe(0.6);
    expect(student.teachers[0]?.teacher.checkpoints[0]?.predictions).toHaveLength(1);
    expect(student.teachers[0]?.teacher.checkpoints[0]?.artifact?.sizeBytes).toBe(10n);
    const subset = await db.prisma.subset.findUniqueOrThrow({ where: { id: g.subsetId } });
    expect(Array.from(new Uint32Array(new Uint8Array(subset.members).buffer))).toEqual([0, 1, 3]);
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = (db.prisma as unknown as Record<string, { count(): Promise<number> }>)[
        model[0]!.toLowerCase() + model.slice(1)
      ];
      expect(await delegate!.count(), model).toBeGreaterThan(0);
    }
  });
});

describe('constraints', () => {
  it('never stores a duplicate metric point for the same run, key and step', async () => {
    const g = await createFullGraph(db.prisma, 'metric');
    const point = { runId: g.teacherRunId, key: 'val_loss', step: 3, value: 1 };
    await db.prisma.metricPoint.create({ data: point });
    await expect(db.prisma.metricPoint.create({ data: { ...point, value: 2 } })).rejects.toMatchObject({
      code: 'P2002',
    });
    const skipped = await db.prisma.metricPoint.createMany({
      data: [{ ...point, value: 3 }],
      skipDuplicates: true,
    });
    expect(skipped.count).toBe(0);
    await db.prisma.metricPoint.upsert({
      where: { runId_key_step: { runId: g.teacherRunId, key: 'val_loss', step: 3 } },
      create: point,
      update: { value: 4 },
    });
    const rows = await db.prisma.metricPoint.findMany({ where: { runId: g.teacherRunId, key: 'val_loss' } });
    expect(rows.map((r) => r.value)).toEqual([4]);
  });

  it('deleting a project leaves no orphaned rows', async () => {
    const g = await createFullGraph(db.prisma, 'cascade');
    const other = await createFullGraph(db.prisma, 'keep');
    await db.prisma.project.delete({ where: { id: g.projectId } });
    const orphans = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM "Run" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "Dataset" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "Split" WHERE id = ${g.splitId}::uuid)
           + (SELECT count(*) FROM "Subset" WHERE id = ${g.subsetId}::uuid)
           + (SELECT count(*) FROM "Teacher" WHERE id = ${g.teacherId}::uuid)
           + (SELECT count(*) FROM "Checkpoint" WHERE id = ${g.checkpointId}::uuid)
           + (SELECT count(*) FROM "Ensemble" WHERE id = ${g.ensembleId}::uuid)
           + (SELECT count(*) FROM "EnsembleMember" WHERE "ensembleId" = ${g.ensembleId}::uuid)
           + (SELECT count(*) FROM "EnsembleResult" WHERE "ensembleId" = ${g.ensembleId}::uuid)
           + (SELECT count(*) FROM "MetricPoint" WHERE "runId" = ${g.teacherRunId}::uuid)
           + (SELECT count(*) FROM "Prediction" WHERE "runId" = ${g.teacherRunId}::uuid)
           + (SELECT count(*) FROM "Artifact" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "RunEvent" WHERE "runId" = ${g.teacherRunId}::uuid)
           + (SELECT count(*) FROM "Membership" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "ApiToken" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "Experiment" WHERE "projectId" = ${g.projectId}::uuid)
           + (SELECT count(*) FROM "Student" WHERE "runId" = ${g.studentRunId}::uuid)
           + (SELECT count(*) FROM "StudentTeacher" WHERE "teacherId" = ${g.teacherId}::uuid) AS n`;
    expect(Number(orphans[0]?.n)).toBe(0);
    // The other project's graph is untouched, and the audit trail of the deleted one survives.
    expect(await db.prisma.run.count({ where: { projectId: other.projectId } })).toBe(3);
    expect(await db.prisma.auditEvent.count({ where: { projectId: g.projectId } })).toBe(1);
  });

  it('refuses to update or delete audit events', async () => {
    const g = await createFullGraph(db.prisma, 'audit');
    await expect(
      db.prisma.auditEvent.updateMany({ where: { projectId: g.projectId }, data: { hash: 'x' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.deleteMany({ where: { projectId: g.projectId } })).rejects.toThrow(
      /append-only/,
    );
  });
});

// Submit one dataset's experiments through the typed GraphQL client, as a lab member would. Every run
// carries tags the report reads back (study, role, arch, p, N, rep, ties); each study is its own
// Experiment so the dashboard's results page can show it on its own. Work that needs finished runs
// (snapshot runs sized by the converged teachers, ensembles and students of their checkpoints) is
// returned as follow-ups that the caller submits once the runs they wait for have ended.
import {
  CreateExperimentDocument,
  CreateSplitDocument,
  DistillStudentDocument,
  EvaluateEnsembleDocument,
  GenerateSubsetsDocument,
  TrainBaselineDocument,
  TrainTeachersDocument,
  type DistilleryClient,
  type FusionRule as FusionRuleEnum,
} from '@distillery/client';
import { FUSION_RULES, fusionRuleEnumValue, type FusionRule } from '@distillery/domain';

import { type DatasetPlan, type ReproConfig, type SnapshotPlan } from './config.ts';
import { drawTeachers } from './draws.ts';

/** The experiments of one dataset, by study. */
export type Study = 'grid' | 'resnet' | 'size' | 'snapshot' | 'hinton' | 'repro';

/** What a follow-up may ask about finished runs. */
export interface RunLookup {
  /** The run's summary (what it recorded when it ended). */
  summaryOf(runId: string): Promise<Record<string, unknown>>;
  /** A cyclic teacher run's origin, seed and cycle checkpoints in cycle order. */
  checkpointsOf(runId: string): Promise<{ origin: string; seed: number; checkpointIds: string[] }>;
}

/** Submissions that wait for runs: `submit` is called once every run of `after` has ended. */
export interface Followup {
  what: string;
  after: string[];
  submit: (look: RunLookup) => Promise<Followup[]>;
}

/** What was submitted for one dataset: experiment ids by study, and the follow-ups still to submit. */
export interface Submitted {
  label: string;
  splitId: string;
  experiments: Partial<Record<Study, string>>;
  followups: Followup[];
}

/** The title of a study's Experiment (`arch` names the second teacher architecture). */
function studyTitle(study: Study, arch: string): string {
  const titles: Record<Study, string> = {
    grid: 'multi-teacher distillation grid (test CNN)',
    resnet:
      arch === 'resnet_small'
        ? 'ResNet-14 teachers and their ensembles'
        : `${arch} teachers and their ensembles`,
    size: 'ensemble size with weak members (Voting setting)',
    snapshot: 'snapshot/FGE versus independent teachers at equal cost',
    hinton: "mimic_all with Hinton's softened KD",
    repro: 'reproducibility re-runs',
  };
  return titles[study];
}

/** Submit everything that needs no finished run: splits, subsets, teachers, ensembles, students, baselines. */
export async function submitDataset(
  client: DistilleryClient,
  config: ReproConfig,
  plan: DatasetPlan,
  ids: { projectId: string; datasetId: string },
  log: (line: string) => void,
): Promise<Submitted> {
  const experiments: Partial<Record<Study, string>> = {};
  const experiment = async (study: Study, arch = ''): Promise<string> => {
    if (experiments[study]) return experiments[study];
    const { createExperiment } = await client.request(CreateExperimentDocument, {
      input: {
        projectId: ids.projectId,
        name: `${plan.label}: ${studyTitle(study, arch)} [${config.name}]`,
        plan: { config: config.name, study, dataset: plan },
      },
    });
    experiments[study] = createExperiment.id;
    return createExperiment.id;
  };
  const { createSplit } = await client.request(CreateSplitDocument, {
    input: {
      datasetId: ids.datasetId,
      seed: plan.splitSeed,
      valFraction: plan.valFraction,
      useFraction: plan.useFraction,
    },
  });
  const splitId = createSplit.id;
  log(
    `${plan.label}: split ${splitId.slice(0, 8)} — ${createSplit.trainCount} train, ${createSplit.valCount} val, ${createSplit.testCount} test`,
  );

  /** `perFraction` teachers per fraction (p < 1 on seeded subsets, p = 1 on the whole split); teacher ids by p. */
  const teachersOf = async (
    study: Study,
    t: Pick<DatasetPlan['teachers'][number], 'arch' | 'epochs' | 'fractions' | 'perFraction' | 'training'>,
    seedBase: number,
  ) => {
    const experimentId = await experiment(study, t.arch);
    const byP = new Map<number, { teacherId: string; runId: string }[]>();
    for (const [fi, p] of t.fractions.entries()) {
      const seeds = Array.from({ length: t.perFraction }, (_, i) => seedBase + 100 * fi + i);
      const common = {
        splitId,
        architectureKey: t.arch,
        epochs: t.epochs,
        training: t.training,
        tags: [`study:${study}`, 'role:teacher', `arch:${t.arch}`, `p:${p}`],
        experimentId,
      };
      let input;
      if (p < 1) {
        const { generateSubsets } = await client.request(GenerateSubsetsDocument, {
          input: { splitId, fractions: [p], seeds },
        });
        input = { ...common, subsetIds: generateSubsets.map((s) => s.id) };
      } else {
        input = { ...common, seeds };
      }
      const { trainTeachers } = await client.request(TrainTeachersDocument, { input });
      byP.set(
        p,
        trainTeachers.map((r) => ({ teacherId: r.teacher!.id, runId: r.id })),
      );
    }
    return byP;
  };
  /** One evaluation per tie convention of the plan (the first only with `firstTieOnly`). */
  const ensemble = async (
    study: Study,
    name: string,
    members: { teacherIds: string[] } | { checkpointIds: string[] },
    rules: readonly FusionRule[],
    tags: string[],
    firstTieOnly = false,
  ) => {
    for (const ties of firstTieOnly ? plan.ties.slice(0, 1) : plan.ties) {
      await client.request(EvaluateEnsembleDocument, {
        input: {
          name: `${plan.label} ${name}${plan.ties.length > 1 && !firstTieOnly ? ` ${ties.toLowerCase()} ties` : ''}`,
          ...members,
          rules: rulesOf(rules),
          ties,
          tags: [`study:${study}`, 'role:ensemble', `ties:${ties}`, ...tags],
          experimentId: await experiment(study),
        },
      });
    }
  };

  const result: Submitted = { label: plan.label, splitId, experiments, followups: [] };
  const [main, ...others] = plan.teachers;
  if (!main) throw new Error(`${plan.label}: the plan has no teachers`);
  const mainTeachers = await teachersOf('grid', main, 0);
  for (const [i, other] of others.entries()) {
    const byP = await teachersOf('resnet', other, 1000 * (i + 1));
    for (const [p, ts] of byP) {
      for (let n = 2; n <= ts.length; n++) {
        await ensemble(
          'resnet',
          `${other.arch} p=${p} N=${n}`,
          { teacherIds: ts.slice(0, n).map((t) => t.teacherId) },
          FUSION_RULES,
          [`arch:${other.arch}`, `p:${p}`, `N:${n}`],
        );
      }
    }
    for (let seed = 0; seed < other.baselines; seed++) {
      await client.request(TrainBaselineDocument, {
        input: {
          splitId,
          architectureKey: other.arch,
          seed,
          epochs: other.epochs,
          training: other.training,
          tags: ['study:resnet', 'role:baseline', `arch:${other.arch}`, `rep:${seed}`],
          experimentId: await experiment('resnet', other.arch),
        },
      });
    }
  }

  const s = plan.students;
  if (s) {
    const seen = new Set<string>();
    for (const p of s.fractions) {
      const pool = mainTeachers.get(p) ?? [];
      for (const n of s.teacherCounts) {
        for (let rep = 0; rep < s.repetitions; rep++) {
          const draw = drawTeachers(pool.length, n, `${plan.label}|${p}|${n}|${rep}`).map(
            (k) => pool[k]!.teacherId,
          );
          const alphas = s.alphaDesign === 'crossed' ? s.alphas : [s.alphas[rep % s.alphas.length]!];
          const cell = [`p:${p}`, `N:${n}`, `rep:${rep}`];
          const key = [...draw].sort().join(',');
          // The same teachers, fused: the ensemble each student is compared with.
          if (!seen.has(key)) {
            seen.add(key);
            await ensemble('grid', `test p=${p} N=${n} rep=${rep}`, { teacherIds: draw }, FUSION_RULES, [
              `arch:${main.arch}`,
              ...cell,
            ]);
          }
          const modes = p === 1 ? [...s.modes, ...s.extraModesAtFull] : s.modes;
          for (const alpha of alphas) {
            const common = {
              teacherIds: draw,
              alpha,
              architectureKey: s.arch,
              seed: rep,
              epochs: s.epochs,
              training: s.training,
            };
            for (const mode of modes) {
              await client.request(DistillStudentDocument, {
                input: {
                  ...common,
                  mode,
                  tags: ['study:grid', 'role:student', ...cell],
                  experimentId: await experiment('grid'),
                },
              });
            }
            if (p === 1 && s.hintonTemperature !== null) {
              await client.request(DistillStudentDocument, {
                input: {
                  ...common,
                  mode: 'MIMIC_ALL',
                  temperature: s.hintonTemperature,
                  temperatureMode: 'HINTON',
                  tags: ['study:hinton', 'role:student', ...cell],
                  experimentId: await experiment('hinton'),
                },
              });
            }
          }
        }
      }
    }
    for (let seed = 0; seed < s.baselines; seed++) {
      await client.request(TrainBaselineDocument, {
        input: {
          splitId,
          architectureKey: s.arch,
          seed,
          epochs: s.epochs,
          training: s.training,
          tags: ['study:grid', 'role:baseline', `rep:${seed}`],
          experimentId: await experiment('grid'),
        },
      });
    }
  }

  const z = plan.sizeStudy;
  if (z) {
    const members =
      (
        await teachersOf(
          'size',
          { ...z, fractions: [z.fraction], perFraction: z.members, training: main.training },
          5000,
        )
      ).get(z.fraction) ?? [];
    for (const size of z.sizes) {
      const draws = size === members.length ? 1 : z.draws;
      for (let d = 0; d < draws; d++) {
        const pick = drawTeachers(members.length, size, `size|${size}|${d}`).map(
          (k) => members[k]!.teacherId,
        );
        await ensemble('size', `weak N=${size} draw=${d}`, { teacherIds: pick }, z.rules, [
          `N:${size}`,
          `rep:${d}`,
        ]);
      }
    }
  }

  const snap = plan.snapshot;
  if (snap) {
    const independent = mainTeachers.get(1) ?? [];
    const submitCyclic = async (epochsPerCycle: number): Promise<Followup[]> => {
      const runIds: string[] = [];
      for (const origin of ['SNAPSHOT', 'FGE'] as const) {
        const { trainTeachers } = await client.request(TrainTeachersDocument, {
          input: {
            splitId,
            architectureKey: snap.arch,
            seeds: snap.seeds.map((x) => 7000 + x),
            origin,
            cycles: snap.cycles,
            epochs: epochsPerCycle * snap.cycles,
            training: snap.training,
            tags: [
              'study:snapshot',
              'role:teacher',
              `origin:${origin}`,
              `epochs_per_cycle:${epochsPerCycle}`,
            ],
            experimentId: await experiment('snapshot'),
          },
        });
        runIds.push(...trainTeachers.map((r) => r.id));
      }
      return [
        {
          what: `${plan.label}: ensembles and students of the snapshot/FGE checkpoints`,
          after: runIds,
          submit: async (look) => {
            await submitSnapshotFollowups(client, plan, snap, runIds, independent, look, ensemble, () =>
              experiment('snapshot'),
            );
            return [];
          },
        },
      ];
    };
    if (snap.epochsPerCycle === 'matched') {
      result.followups.push({
        what: `${plan.label}: snapshot/FGE runs sized by the converged p = 1 teachers`,
        after: independent.map((t) => t.runId),
        submit: async (look) => {
          const epochs = await Promise.all(
            independent.map(async (t) => Number((await look.summaryOf(t.runId)).epochs)),
          );
          const finite = epochs.filter((e) => Number.isFinite(e) && e > 0);
          const mean = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : snap.cycles;
          return submitCyclic(Math.max(1, Math.round(mean)));
        },
      });
    } else {
      result.followups.push(...(await submitCyclic(snap.epochsPerCycle)));
    }
  }

  if (plan.reproducibility && s) {
    // The same split, subsets, teacher and student again: everything must come out identical.
    const experimentId = await experiment('repro');
    const again = await client.request(CreateSplitDocument, {
      input: {
        datasetId: ids.datasetId,
        seed: plan.splitSeed,
        valFraction: plan.valFraction,
        useFraction: plan.useFraction,
      },
    });
    const p = main.fractions[0]!;
    const { generateSubsets } = await client.request(GenerateSubsetsDocument, {
      input: { splitId: again.createSplit.id, fractions: [p], seeds: [0] },
    });
    await client.request(TrainTeachersDocument, {
      input: {
        splitId: again.createSplit.id,
        architectureKey: main.arch,
        subsetIds: generateSubsets.map((x) => x.id),
        epochs: main.epochs,
        training: main.training,
        tags: ['study:repro', 'role:teacher', `p:${p}`, 'of:grid-teacher-0'],
        experimentId,
      },
    });
    const pool = mainTeachers.get(s.fractions[0]!) ?? [];
    const n = s.teacherCounts[0]!;
    const draw = drawTeachers(pool.length, n, `${plan.label}|${s.fractions[0]}|${n}|0`).map(
      (k) => pool[k]!.teacherId,
    );
    await client.request(DistillStudentDocument, {
      input: {
        teacherIds: draw,
        mode: s.modes[0]!,
        alpha: s.alphas[0]!,
        architectureKey: s.arch,
        seed: 0,
        epochs: s.epochs,
        training: s.training,
        tags: ['study:repro', 'role:student', `p:${s.fractions[0]}`, `N:${n}`, 'rep:0'],
        experimentId,
      },
    });
  }
  return result;
}

/** Ensembles of each cyclic run's last N checkpoints and of as many independent teachers; students of every checkpoint. */
async function submitSnapshotFollowups(
  client: DistilleryClient,
  plan: DatasetPlan,
  snap: SnapshotPlan,
  runIds: string[],
  independent: { teacherId: string }[],
  look: RunLookup,
  ensemble: (
    study: Study,
    name: string,
    members: { teacherIds: string[] } | { checkpointIds: string[] },
    rules: readonly FusionRule[],
    tags: string[],
    firstTieOnly?: boolean,
  ) => Promise<void>,
  experimentId: () => Promise<string>,
): Promise<void> {
  const rules: FusionRule[] = ['mean', 'plurality', 'borda'];
  for (const [i, runId] of runIds.entries()) {
    const { origin, seed, checkpointIds } = await look.checkpointsOf(runId);
    const rep = i % snap.seeds.length;
    for (let n = 2; n <= checkpointIds.length; n++) {
      // The last n cycles: the best-trained checkpoints of the run.
      await ensemble(
        'snapshot',
        `${origin} seed=${seed} last ${n} cycles`,
        { checkpointIds: checkpointIds.slice(-n) },
        rules,
        [`origin:${origin}`, `N:${n}`, `seed:${seed}`, `rep:${rep}`],
        true,
      );
    }
    for (const mode of snap.students?.modes ?? []) {
      for (const alpha of snap.students?.alphas ?? []) {
        await client.request(DistillStudentDocument, {
          input: {
            checkpointIds,
            mode,
            alpha,
            architectureKey: snap.arch,
            seed: rep,
            epochs: plan.students?.epochs ?? null,
            training: snap.training,
            tags: [
              'study:snapshot',
              'role:student',
              `origin:${origin}`,
              `N:${checkpointIds.length}`,
              `rep:${rep}`,
            ],
            experimentId: await experimentId(),
          },
        });
      }
    }
  }
  for (let n = 2; n <= independent.length; n++) {
    await ensemble(
      'snapshot',
      `independent N=${n}`,
      { teacherIds: independent.slice(0, n).map((t) => t.teacherId) },
      rules,
      ['origin:INDEPENDENT', `N:${n}`],
      true,
    );
  }
}

/** The API's FusionRule values of rules named as the ML core names them. */
function rulesOf(rules: readonly FusionRule[]): FusionRuleEnum[] {
  return rules.map((r) => fusionRuleEnumValue(r) as FusionRuleEnum);
}

// Submit one dataset's experiments through the typed GraphQL client, as a lab member would. Every run
// carries tags the report reads back (study, role, arch, p, N, rep); each study is its own Experiment
// so the dashboard's results page can show it on its own.
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

import { type DatasetPlan, type ReproConfig } from './config.ts';
import { drawTeachers } from './draws.ts';

/** The experiments of one dataset, by study. */
export type Study = 'grid' | 'resnet' | 'size' | 'snapshot' | 'hinton' | 'repro';

/** What was submitted for one dataset: experiment ids by study, and the snapshot teachers to ensemble later. */
export interface Submitted {
  label: string;
  splitId: string;
  experiments: Partial<Record<Study, string>>;
  snapshotRunIds: string[];
  independentFullTeacherIds: string[];
}

const STUDY_TITLES: Record<Study, string> = {
  grid: 'multi-teacher distillation grid (test CNN)',
  resnet: 'ResNet-14 teachers and their ensembles',
  size: 'ensemble size with weak members (Voting setting)',
  snapshot: 'snapshot/FGE versus independent teachers at equal cost',
  hinton: "mimic_all with Hinton's softened KD",
  repro: 'reproducibility re-runs',
};

/** Submit everything that needs no finished run: splits, subsets, teachers, ensembles, students, baselines. */
export async function submitDataset(
  client: DistilleryClient,
  config: ReproConfig,
  plan: DatasetPlan,
  ids: { projectId: string; datasetId: string },
  log: (line: string) => void,
): Promise<Submitted> {
  const experiments: Partial<Record<Study, string>> = {};
  const experiment = async (study: Study): Promise<string> => {
    if (experiments[study]) return experiments[study];
    const { createExperiment } = await client.request(CreateExperimentDocument, {
      input: {
        projectId: ids.projectId,
        name: `${plan.label}: ${STUDY_TITLES[study]} [${config.name}]`,
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
    arch: string,
    epochs: number,
    fractions: number[],
    perFraction: number,
    seedBase: number,
  ) => {
    const experimentId = await experiment(study);
    const byP = new Map<number, { teacherId: string; runId: string }[]>();
    for (const [fi, p] of fractions.entries()) {
      const seeds = Array.from({ length: perFraction }, (_, i) => seedBase + 100 * fi + i);
      const tags = [`study:${study}`, 'role:teacher', `arch:${arch}`, `p:${p}`];
      let input;
      if (p < 1) {
        const { generateSubsets } = await client.request(GenerateSubsetsDocument, {
          input: { splitId, fractions: [p], seeds },
        });
        input = {
          splitId,
          architectureKey: arch,
          subsetIds: generateSubsets.map((s) => s.id),
          epochs,
          tags,
          experimentId,
        };
      } else {
        input = { splitId, architectureKey: arch, seeds, epochs, tags, experimentId };
      }
      const { trainTeachers } = await client.request(TrainTeachersDocument, { input });
      byP.set(
        p,
        trainTeachers.map((r) => ({ teacherId: r.teacher!.id, runId: r.id })),
      );
    }
    return byP;
  };
  const ensemble = async (
    study: Study,
    name: string,
    teacherIds: string[],
    rules: readonly FusionRule[],
    tags: string[],
  ) => {
    await client.request(EvaluateEnsembleDocument, {
      input: {
        name: `${plan.label} ${name}`,
        teacherIds,
        rules: rulesOf(rules),
        tags: [`study:${study}`, 'role:ensemble', ...tags],
        experimentId: await experiment(study),
      },
    });
  };

  const result: Submitted = {
    label: plan.label,
    splitId,
    experiments,
    snapshotRunIds: [],
    independentFullTeacherIds: [],
  };
  const [main, ...others] = plan.teachers;
  if (!main) throw new Error(`${plan.label}: the plan has no teachers`);
  const mainTeachers = await teachersOf('grid', main.arch, main.epochs, main.fractions, main.perFraction, 0);
  result.independentFullTeacherIds = (mainTeachers.get(1) ?? []).map((t) => t.teacherId);
  for (const [i, other] of others.entries()) {
    const byP = await teachersOf(
      'resnet',
      other.arch,
      other.epochs,
      other.fractions,
      other.perFraction,
      1000 * (i + 1),
    );
    for (const [p, ts] of byP) {
      for (let n = 2; n <= ts.length; n++) {
        await ensemble(
          'resnet',
          `${other.arch} p=${p} N=${n}`,
          ts.slice(0, n).map((t) => t.teacherId),
          FUSION_RULES,
          [`arch:${other.arch}`, `p:${p}`, `N:${n}`],
        );
      }
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
          const alpha = s.alphas[rep % s.alphas.length]!;
          const cell = [`p:${p}`, `N:${n}`, `rep:${rep}`];
          const key = [...draw].sort().join(',');
          // The same teachers, fused: the ensemble each student is compared with.
          if (!seen.has(key)) {
            seen.add(key);
            await ensemble('grid', `test p=${p} N=${n} rep=${rep}`, draw, FUSION_RULES, [
              `arch:${main.arch}`,
              ...cell,
            ]);
          }
          const modes = p === 1 ? [...s.modes, ...s.extraModesAtFull] : s.modes;
          for (const mode of modes) {
            await client.request(DistillStudentDocument, {
              input: {
                teacherIds: draw,
                mode,
                alpha,
                architectureKey: s.arch,
                seed: rep,
                epochs: s.epochs,
                tags: ['study:grid', 'role:student', ...cell],
                experimentId: await experiment('grid'),
              },
            });
          }
          if (p === 1 && s.hintonTemperature !== null) {
            await client.request(DistillStudentDocument, {
              input: {
                teacherIds: draw,
                mode: 'MIMIC_ALL',
                alpha,
                architectureKey: s.arch,
                seed: rep,
                epochs: s.epochs,
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
    for (let seed = 0; seed < s.baselines; seed++) {
      await client.request(TrainBaselineDocument, {
        input: {
          splitId,
          architectureKey: s.arch,
          seed,
          epochs: s.epochs,
          tags: ['study:grid', 'role:baseline'],
          experimentId: await experiment('grid'),
        },
      });
    }
  }

  const z = plan.sizeStudy;
  if (z) {
    const members =
      (await teachersOf('size', z.arch, z.epochs, [z.fraction], z.members, 5000)).get(z.fraction) ?? [];
    for (const size of z.sizes) {
      const draws = size === members.length ? 1 : z.draws;
      for (let d = 0; d < draws; d++) {
        const pick = drawTeachers(members.length, size, `size|${size}|${d}`).map(
          (k) => members[k]!.teacherId,
        );
        await ensemble('size', `weak N=${size} draw=${d}`, pick, z.rules, [`N:${size}`, `rep:${d}`]);
      }
    }
  }

  const snap = plan.snapshot;
  if (snap) {
    for (const origin of ['SNAPSHOT', 'FGE'] as const) {
      const { trainTeachers } = await client.request(TrainTeachersDocument, {
        input: {
          splitId,
          architectureKey: snap.arch,
          seeds: snap.seeds.map((x) => 7000 + x),
          origin,
          cycles: snap.cycles,
          epochs: snap.epochsPerCycle * snap.cycles,
          tags: ['study:snapshot', 'role:teacher', `origin:${origin}`],
          experimentId: await experiment('snapshot'),
        },
      });
      result.snapshotRunIds.push(...trainTeachers.map((r) => r.id));
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
        tags: ['study:repro', 'role:student', `p:${s.fractions[0]}`, `N:${n}`, 'rep:0'],
        experimentId,
      },
    });
  }
  return result;
}

/** After the snapshot/FGE teachers finished: ensembles of their cycle checkpoints, and of as many independent teachers. */
export async function submitSnapshotEnsembles(
  client: DistilleryClient,
  submitted: Submitted,
  checkpointsOf: (runId: string) => Promise<{ origin: string; seed: number; checkpointIds: string[] }>,
): Promise<void> {
  const experimentId = submitted.experiments.snapshot;
  if (!experimentId) return;
  for (const runId of submitted.snapshotRunIds) {
    const { origin, seed, checkpointIds } = await checkpointsOf(runId);
    for (let n = 2; n <= checkpointIds.length; n++) {
      // The last n cycles: the best-trained checkpoints of the run.
      await client.request(EvaluateEnsembleDocument, {
        input: {
          name: `${submitted.label} ${origin} seed=${seed} last ${n} cycles`,
          checkpointIds: checkpointIds.slice(-n),
          rules: rulesOf(['mean', 'plurality', 'borda']),
          tags: ['study:snapshot', 'role:ensemble', `origin:${origin}`, `N:${n}`, `seed:${seed}`],
          experimentId,
        },
      });
    }
  }
  const ind = submitted.independentFullTeacherIds;
  for (let n = 2; n <= ind.length; n++) {
    await client.request(EvaluateEnsembleDocument, {
      input: {
        name: `${submitted.label} independent N=${n}`,
        teacherIds: ind.slice(0, n),
        rules: rulesOf(['mean', 'plurality', 'borda']),
        tags: ['study:snapshot', 'role:ensemble', 'origin:INDEPENDENT', `N:${n}`],
        experimentId,
      },
    });
  }
}

/** The API's FusionRule values of rules named as the ML core names them. */
function rulesOf(rules: readonly FusionRule[]): FusionRuleEnum[] {
  return rules.map((r) => fusionRuleEnumValue(r) as FusionRuleEnum);
}

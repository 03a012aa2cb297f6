// Fuse the members' stored predictions with each requested rule on the test split (stacking and the
// validation-weighted mean learn from the val split), and store one EnsembleResult per rule.
import type { FusionRule, JobPayload } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { measureDiversity, PAIRWISE_MEASURES } from '@distillery/ml/diversity';
import {
  createEnsemble,
  fitStacking,
  fuse,
  memberScores,
  weightsFromValidation,
  type Ensemble,
  type FuseOptions,
} from '@distillery/ml/fusion';

import type { SummaryValue } from '../../threads/protocol.ts';
import type { JobHandler } from '../context.ts';
import { saveEnsembleExport } from '../shared/ensemble-export.ts';
import { dataAccessOf, loadTrainingData } from '../shared/load-data.ts';
import { startEnvironment } from '../shared/run-environment.ts';
import { loadEnsembleMembers, type MemberOutputs } from '../shared/member-predictions.ts';

function ensembleOf(
  members: MemberOutputs[],
  role: 'VAL' | 'TEST',
  labels: Int32Array,
  classes: number,
): Ensemble | null {
  if (members.some((m) => !m.probs[role])) return null;
  return createEnsemble({
    members: members.map((m) => ({ name: m.name, split: role, probabilities: m.probs[role]! })),
    labels,
    classes,
  });
}

/** A finite number, or null (JSON has no NaN). */
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * The diversity suite of the members on the test split, as stored in `summary.diversity`: each pairwise
 * measure as an M × M matrix (rows = members in position order), the non-pairwise measures and the
 * member labels. Undefined values (e.g. Q of two perfect members) are null. Needs ≥ 2 members.
 */
export function diversitySummary(test: Ensemble): { [key: string]: SummaryValue } | null {
  if (test.models < 2) return null;
  const report = measureDiversity(test);
  const M = test.models;
  const measures: { [key: string]: SummaryValue } = {};
  for (const k of PAIRWISE_MEASURES) {
    const flat = report.pairwise[k];
    measures[k] = Array.from({ length: M }, (_, i) => Array.from(flat.subarray(i * M, (i + 1) * M), finite));
  }
  return {
    memberLabels: [...report.names],
    measures,
    nonPairwise: {
      entropy: finite(report.entropy),
      kohaviWolpert: finite(report.kohaviWolpert),
      interraterKappa: finite(report.interraterKappa),
      oracleAccuracy: finite(report.oracleAccuracy),
    },
  };
}

/** Evaluate an ensemble's fusion rules. */
export const handle: JobHandler<JobPayload<'evaluate-ensemble'>> = async (ctx, p) => {
  // Fusion is plain JS: no tfjs backend, but host, versions and commit are recorded all the same.
  await startEnvironment(ctx, { backend: false });
  const ensembleRow = await ctx.prisma.ensemble.findUniqueOrThrow({ where: { id: p.ensembleId } });
  // The payload schema (@distillery/domain) already refused unknown rule names.
  const rules: readonly FusionRule[] = p.rules;
  const data = await loadTrainingData(ctx.prisma, ensembleRow.splitId, null, dataAccessOf(ctx));
  const classes = data.dataset.classNames.length;
  const members = await loadEnsembleMembers(ctx.prisma, p.ensembleId);
  const test = ensembleOf(members, 'TEST', data.test.labels, classes);
  if (!test)
    throw badInput(
      'members',
      members.map((m) => m.name),
      'every member needs TEST predictions',
    );
  const val = data.val.count > 0 ? ensembleOf(members, 'VAL', data.val.labels, classes) : null;
  // The ensemble's tie convention: PRINCIPLED, or ORIGINAL (the original voting code's answers).
  const ties = ensembleRow.ties;
  const summary: Record<string, SummaryValue> = { members: members.length, ties };
  summary.best_member_accuracy = Math.max(...memberScores(test).accuracy);
  for (const [i, rule] of rules.entries()) {
    const options: FuseOptions = { ties };
    if (rule === 'stacking') {
      if (!val) throw badInput('rules', rule, 'stacking needs VAL predictions of every member');
      options.stacking = fitStacking(val);
    }
    if (rule === 'weighted-mean') {
      // Stored member weights win; else weights from each member's validation accuracy.
      if (members.every((m) => m.weight !== null)) options.weights = members.map((m) => m.weight!);
      else if (val)
        options.weights = weightsFromValidation({
          by: 'accuracy',
          classes,
          accuracy: memberScores(val).accuracy,
        });
      else throw badInput('rules', rule, 'weighted-mean needs member weights or VAL predictions');
    }
    const r = fuse(test, rule, options);
    ctx.log(`fusion/${rule}/test_accuracy`, i, r.accuracy);
    summary[`${rule}_test_accuracy`] = r.accuracy;
    const fields = {
      accuracy: r.accuracy,
      nll: r.nll ?? null,
      ece: r.ece ?? null,
      perClass: r.perClassAccuracy.map((a) => (Number.isFinite(a) ? a : null)),
      confusion: Array.from(r.confusion),
    };
    await ctx.fenced((tx) =>
      tx.ensembleResult.upsert({
        where: { ensembleId_rule_splitRole: { ensembleId: p.ensembleId, rule, splitRole: 'TEST' } },
        create: { ensembleId: p.ensembleId, rule, splitRole: 'TEST', ...fields },
        update: fields,
      }),
    );
  }
  const best = rules.reduce(
    (b, r) => (Number(summary[`${r}_test_accuracy`]) > Number(summary[`${b}_test_accuracy`]) ? r : b),
    rules[0]!,
  );
  summary.best_rule = best;
  summary.best_rule_test_accuracy = Number(summary[`${best}_test_accuracy`]);
  // The headline is the first (primary) rule the user asked for: the best of several rules picked on
  // the test set itself would overstate the ensemble in every results table that reads test_accuracy.
  summary.primary_rule = rules[0]!;
  summary.test_accuracy = Number(summary[`${rules[0]!}_test_accuracy`]);
  const diversity = diversitySummary(test);
  if (diversity) summary.diversity = diversity;
  summary.export = await saveEnsembleExport(ctx, p.ensembleId, data.dataset.classNames);
  return { summary };
};

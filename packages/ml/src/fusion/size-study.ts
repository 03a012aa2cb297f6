/**
 * Ensemble-size study (ZuchniakK/Voting `DataAnalyser.analyze_voting`, seeded here): for each size k,
 * R random draws of k members without replacement; each rule's accuracy averaged over the draws with
 * its standard error, next to the best single member.
 */
import { FUSION_RULES, meanSem as sampleMeanSem, Prng, type FusionRule } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { type Ensemble, selectMembers } from './ensemble.ts';
import { type FuseOptions, fusePredictions } from './fuse.ts';
import { accuracyOf } from './metrics.ts';
import { fitStacking, type StackingArgs } from './stacking.ts';
import { memberScores } from './weights.ts';

/** Options of {@link ensembleSizeStudy}. */
export interface SizeStudyArgs {
  /** Rules to score (default: every rule except `stacking`, which needs `stackingFit`). */
  rules?: readonly FusionRule[];
  /** Draws per size, R (default 20). */
  draws?: number;
  /** Sizes to study (default 1..N). */
  sizes?: readonly number[];
  seed?: number;
  /** `weighted-mean`: one weight per member of the full ensemble; each draw uses its members' weights. */
  weights?: readonly number[];
  condorcetFallback?: FuseOptions['condorcetFallback'];
  /** Tie convention of every rule (default `PRINCIPLED`). */
  ties?: FuseOptions['ties'];
  /** `stacking`: the same members on a fit (validation) split; a layer is fitted per draw. */
  stackingFit?: { ensemble: Ensemble; args?: StackingArgs };
}

/** Mean and standard error of the mean (sample standard deviation, ddof 1, / √n; 0 when n = 1). */
export interface MeanSem {
  mean: number;
  sem: number;
}

/** One ensemble size. */
export interface SizeStudyRow {
  size: number;
  draws: number;
  accuracy: Partial<Record<FusionRule, MeanSem>>;
  /** Accuracy of the best member within each draw (what fusion has to beat). */
  bestMemberInDraw: MeanSem;
}

/** The study's result. */
export interface SizeStudy {
  rows: SizeStudyRow[];
  memberAccuracy: number[];
  bestMember: { index: number; name: string; accuracy: number };
}

/** Run the ensemble-size study on a test ensemble. Deterministic for a given seed. */
export function ensembleSizeStudy(ensemble: Ensemble, args: SizeStudyArgs = {}): SizeStudy {
  const rules = args.rules ?? FUSION_RULES.filter((r) => r !== 'stacking');
  const draws = args.draws ?? 20;
  const sizes = args.sizes ?? Array.from({ length: ensemble.models }, (_, i) => i + 1);
  if (!Number.isInteger(draws) || draws < 1) throw badInput('draws', draws, 'must be an integer ≥ 1');
  sizes.forEach((k, i) => {
    if (!Number.isInteger(k) || k < 1 || k > ensemble.models)
      throw badInput(`sizes[${i}]`, k, `must be an integer in [1, ${ensemble.models}]`);
  });
  rules.forEach((r, i) => {
    if (!FUSION_RULES.includes(r)) throw badInput(`rules[${i}]`, r, 'unknown fusion rule');
  });
  if (rules.includes('stacking')) {
    const fit = args.stackingFit?.ensemble;
    if (!fit)
      throw badInput('stackingFit', undefined, 'the stacking rule needs the same members on a fit split');
    if (fit.models !== ensemble.models || fit.classes !== ensemble.classes) {
      throw badInput(
        'stackingFit.ensemble',
        `${fit.models} members × ${fit.classes} classes`,
        `must match the test ensemble (${ensemble.models} × ${ensemble.classes})`,
      );
    }
  }
  if (rules.includes('weighted-mean') && args.weights?.length !== ensemble.models) {
    throw badInput(
      'weights',
      args.weights,
      `weighted-mean needs ${ensemble.models} weights (one per member)`,
    );
  }

  const memberAccuracy = memberScores(ensemble).accuracy;
  const best = memberAccuracy.reduce((b, a, i) => (a > (memberAccuracy[b] as number) ? i : b), 0);
  const random = new Prng(args.seed ?? 0);
  const rows = sizes.map((size): SizeStudyRow => {
    const perRule = new Map<FusionRule, number[]>(rules.map((r) => [r, []]));
    const bestInDraw: number[] = [];
    for (let d = 0; d < draws; d++) {
      // A uniformly random k-subset: the first k entries of a random permutation.
      const members = Array.from(random.permutation(ensemble.models).subarray(0, size));
      const sub = selectMembers(ensemble, members);
      bestInDraw.push(Math.max(...members.map((m) => memberAccuracy[m] as number)));
      for (const rule of rules) {
        const options: FuseOptions = { condorcetFallback: args.condorcetFallback, ties: args.ties };
        if (rule === 'weighted-mean') options.weights = members.map((m) => args.weights?.[m] as number);
        if (rule === 'stacking' && args.stackingFit) {
          options.stacking = fitStacking(
            selectMembers(args.stackingFit.ensemble, members),
            args.stackingFit.args,
          );
        }
        perRule.get(rule)?.push(accuracyOf(fusePredictions(sub, rule, options).predictions, ensemble.labels));
      }
    }
    const accuracy: SizeStudyRow['accuracy'] = {};
    for (const [rule, values] of perRule) accuracy[rule] = meanSem(values);
    return { size, draws, accuracy, bestMemberInDraw: meanSem(bestInDraw) };
  });
  return {
    rows,
    memberAccuracy,
    bestMember: {
      index: best,
      name: ensemble.names[best] as string,
      accuracy: memberAccuracy[best] as number,
    },
  };
}

/** Mean and SEM (ddof 1, @distillery/domain's), with SEM 0 for one draw as the size study reports it. */
export function meanSem(values: readonly number[]): MeanSem {
  const s = sampleMeanSem(values);
  return { mean: s.mean, sem: s.sem ?? 0 };
}

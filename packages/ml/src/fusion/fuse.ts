import { FUSION_RULES, type FusionRule } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import type { Ensemble } from './ensemble.ts';
import { fuseBaldwin, fuseBucklin, fuseNanson, fuseStv } from './elimination-rules.ts';
import { classificationMetrics, type ClassificationMetrics, probabilityMetrics } from './metrics.ts';
import { type CondorcetFallback, fuseByMargins, fuseCondorcet } from './pairwise-rules.ts';
import { fusePositional, SCORING_VECTORS } from './positional-rules.ts';
import { fuseLogLinear, fuseMax, fuseMean, fuseMedian, fuseWeightedMean } from './score-rules.ts';
import { applyStacking, type StackingModel } from './stacking.ts';
import { TIE_CONVENTIONS, type TieConvention } from './tie-convention.ts';
import { validateWeights } from './weights.ts';

/** Per-rule options. */
export interface FuseOptions {
  /** `weighted-mean`: one non-negative weight per member (see `weightsFromValidation`). */
  weights?: readonly number[] | Float64Array;
  /** `condorcet`: rule used on samples without a Condorcet winner (default `mean`). */
  condorcetFallback?: CondorcetFallback;
  /** `stacking`: a layer fitted with `fitStacking` on another split of the same members. */
  stacking?: StackingModel;
  /**
   * How ties are broken (tie-convention.ts, docs/fusion-ties.md): `PRINCIPLED` (default) or
   * `ORIGINAL` (ZuchniakK/Voting exactly). Rules the original lacks behave the same under both.
   */
  ties?: TieConvention;
}

/** The fused decision of a rule before scoring. */
export interface FusedDecision {
  predictions: Int32Array;
  /** Samples × classes, for probability rules only. */
  probabilities?: Float32Array;
  /** `condorcet` only: samples that had a Condorcet winner. */
  condorcetWinners?: number;
}

/** A rule's decision with its metrics. */
export interface FusionResult extends FusedDecision, ClassificationMetrics {
  rule: FusionRule;
  /** Probability rules only. */
  ece?: number;
  nll?: number;
}

/** Apply one fusion rule (no metrics): the fused class per sample and, for score rules, probabilities. */
export function fusePredictions(
  ensemble: Ensemble,
  rule: FusionRule,
  options: FuseOptions = {},
): FusedDecision {
  const ties = options.ties ?? 'PRINCIPLED';
  if (!TIE_CONVENTIONS.includes(ties))
    throw badInput('ties', ties, `must be one of ${TIE_CONVENTIONS.join(', ')}`);
  switch (rule) {
    case 'mean':
      return fuseMean(ensemble, ties);
    case 'weighted-mean': {
      if (!options.weights) throw badInput('weights', undefined, 'weighted-mean needs one weight per member');
      return fuseWeightedMean(ensemble, validateWeights(options.weights, ensemble.models));
    }
    case 'geometric-mean':
      return fuseLogLinear(ensemble, 1 / ensemble.models);
    case 'product':
      return fuseLogLinear(ensemble, 1);
    case 'max':
      return fuseMax(ensemble);
    case 'median':
      return fuseMedian(ensemble);
    case 'stacking': {
      if (!options.stacking)
        throw badInput('stacking', undefined, 'the stacking rule needs a layer fitted with fitStacking');
      return applyStacking(options.stacking, ensemble);
    }
    case 'plurality':
    case 'borda':
    case 'dowdall':
      return { predictions: fusePositional(ensemble, SCORING_VECTORS[rule](ensemble.classes), ties) };
    case 'symmetric-borda':
    case 'copeland':
    case 'simpson':
      return { predictions: fuseByMargins(ensemble, rule, ties) };
    case 'baldwin':
      return { predictions: fuseBaldwin(ensemble, ties) };
    case 'nanson':
      return { predictions: fuseNanson(ensemble, ties) };
    case 'bucklin':
      return { predictions: fuseBucklin(ensemble, ties) };
    case 'stv':
      return { predictions: fuseStv(ensemble, ties) };
    case 'condorcet': {
      const { predictions, withWinner } = fuseCondorcet(ensemble, options.condorcetFallback, ties);
      return { predictions, condorcetWinners: withWinner };
    }
    default:
      throw badInput('rule', rule, `unknown fusion rule; expected one of ${FUSION_RULES.join(', ')}`);
  }
}

/** Apply one fusion rule and score it: accuracy, per-class accuracy, confusion, and ECE/NLL when probabilistic. */
export function fuse(ensemble: Ensemble, rule: FusionRule, options: FuseOptions = {}): FusionResult {
  const decision = fusePredictions(ensemble, rule, options);
  const metrics = classificationMetrics(decision.predictions, ensemble.labels, ensemble.classes);
  const calibration = decision.probabilities
    ? probabilityMetrics(decision.probabilities, ensemble.labels, ensemble.classes)
    : {};
  return { rule, ...decision, ...metrics, ...calibration };
}

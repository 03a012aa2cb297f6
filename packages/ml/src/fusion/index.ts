// Decision fusion over stored prediction matrices (members × samples × classes).
export {
  createEnsemble,
  selectMembers,
  unpackMembers,
  type Ensemble,
  type EnsembleArgs,
  type MemberPredictions,
} from './ensemble.ts';
export { fuse, fusePredictions, type FusedDecision, type FuseOptions, type FusionResult } from './fuse.ts';
export {
  classificationMetrics,
  confusionOfProbabilities,
  probabilityMetrics,
  accuracyOf,
  ECE_BINS,
  type ClassificationMetrics,
  type ProbabilityMetrics,
} from './metrics.ts';
export { CONDORCET_FALLBACKS, condorcetWinner, type CondorcetFallback } from './pairwise-rules.ts';
export { positionalScores, SCORING_VECTORS } from './positional-rules.ts';
export { forEachPreferences } from './preferences.ts';
export { rankOrder } from './ranking.ts';
export { numpyArgsort } from './numpy-argsort.ts';
export { TIE_CONVENTIONS, type TieConvention } from './tie-convention.ts';
export {
  ensembleSizeStudy,
  meanSem,
  type MeanSem,
  type SizeStudy,
  type SizeStudyArgs,
  type SizeStudyRow,
} from './size-study.ts';
export { applyStacking, fitStacking, type StackingArgs, type StackingModel } from './stacking.ts';
export { memberScores, validateWeights, weightsFromValidation, type WeightSource } from './weights.ts';

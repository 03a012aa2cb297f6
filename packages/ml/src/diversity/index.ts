// Diversity of ensemble members: pairwise and non-pairwise measures (Kuncheva & Whitaker 2003).
export { kendallTauMatrix } from './kendall.ts';
export {
  measureDiversity,
  PAIRWISE_MEASURES,
  type DiversityReport,
  type PairwiseMeasure,
} from './measure.ts';
export { nonPairwiseDiversity, type NonPairwiseDiversity } from './non-pairwise.ts';
export { oracleOutputs, type OracleOutputs } from './oracle.ts';
export {
  cohenKappa,
  correlation,
  disagreement,
  doubleFault,
  oracleTable,
  qStatistic,
  type OracleTable,
} from './pairwise.ts';

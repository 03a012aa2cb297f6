// Read-side shaping of an ensemble evaluation: confusion matrices (stored flat, row-major) and the
// member diversity the evaluate-ensemble job writes into its run's `summary.diversity`.

/** Pairwise measures in the order they are served. */
const PAIRWISE = ['disagreement', 'qStatistic', 'correlation', 'kappa', 'doubleFault', 'kendallTau'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A stored confusion matrix as rows: a flat classes² array is reshaped; nested rows pass through. */
export function confusionRows(stored: unknown): number[][] {
  if (!Array.isArray(stored) || stored.length === 0) return [];
  if (stored.every(Array.isArray))
    return (stored as unknown[][]).map((row) => row.map((v) => Math.round(Number(v) || 0)));
  const classes = Math.round(Math.sqrt(stored.length));
  if (classes * classes !== stored.length) return [];
  return Array.from({ length: classes }, (_, i) =>
    stored.slice(i * classes, (i + 1) * classes).map((v) => Math.round(Number(v) || 0)),
  );
}

export interface EnsembleDiversityView {
  memberLabels: string[];
  measures: { measure: string; values: (number | null)[][] }[];
  entropy: number | null;
  kohaviWolpert: number | null;
  interraterKappa: number | null;
  oracleAccuracy: number | null;
}

/** The diversity in a run summary, or null if the summary has none (or an unreadable one). */
export function diversityFromSummary(summary: unknown): EnsembleDiversityView | null {
  const d = isRecord(summary) ? summary.diversity : null;
  if (!isRecord(d) || !isRecord(d.measures) || !Array.isArray(d.memberLabels)) return null;
  const memberLabels = d.memberLabels.map(String);
  const M = memberLabels.length;
  const measures: EnsembleDiversityView['measures'] = [];
  for (const measure of PAIRWISE) {
    const m = d.measures[measure];
    if (!Array.isArray(m) || m.length !== M || !m.every((row) => Array.isArray(row) && row.length === M))
      continue;
    measures.push({ measure, values: (m as unknown[][]).map((row) => row.map(numOrNull)) });
  }
  const np = isRecord(d.nonPairwise) ? d.nonPairwise : {};
  return {
    memberLabels,
    measures,
    entropy: numOrNull(np.entropy),
    kohaviWolpert: numOrNull(np.kohaviWolpert),
    interraterKappa: numOrNull(np.interraterKappa),
    oracleAccuracy: numOrNull(np.oracleAccuracy),
  };
}

'use client';
import type { EnsembleDetailFragment } from '../../graphql/generated/graphql.ts';
import { FusionRuleChart } from '../ensembles/ensemble-charts.tsx';
import { ConfusionPanel, DiversityPanel } from '../ensembles/ensemble-matrices.tsx';

/**
 * What an ensemble evaluation produced: one accuracy per fusion rule (bars, not one-point line
 * charts), the members' diversity and the confusion matrix, as on the Ensembles page.
 */
export function EnsembleRunView({ ensemble }: { ensemble: EnsembleDetailFragment }) {
  if (ensemble.results.length === 0)
    return (
      <div className="empty" data-testid="ensemble-run-pending">
        The fusion rules’ results appear here when the evaluation finishes.
      </div>
    );
  return (
    <div className="grid-2" data-testid="ensemble-run">
      <section className="panel">
        <h2>Fusion rules vs best single member</h2>
        <FusionRuleChart ensemble={ensemble} metric="test_accuracy" />
      </section>
      <DiversityPanel ensemble={ensemble} />
      <ConfusionPanel ensemble={ensemble} />
    </div>
  );
}

'use client';
import { gridSize } from '@distillery/domain';
import { useState } from 'react';

import {
  CreateSplitDocument,
  LaunchExperimentDocument,
  LaunchOptionsDocument,
  QueuedExperimentDocument,
  RegisterDatasetDocument,
} from '../../graphql/generated/graphql.ts';
import { SAMPLE_DATASET, SAMPLE_GRID, SAMPLE_SPLIT } from '../../lib/first-steps.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { type ShownError, unplacedErrors } from '../forms/api-errors.ts';
import { FormErrors } from '../forms/field.tsx';
import { PageLink } from '../shell/page-link.tsx';

const SAMPLE_RUNS = gridSize(SAMPLE_GRID);

/**
 * One click from an empty project to live runs: register MNIST's built-in copy (or reuse the one
 * registered before), split off 2 % of it, and queue the small sample grid.
 */
export function SampleExperimentButton({ projectId }: { projectId: string }) {
  const register = useGqlMutation(RegisterDatasetDocument);
  const split = useGqlMutation(CreateSplitDocument);
  const launch = useGqlMutation(LaunchExperimentDocument);
  const [state, setState] = useState<{
    pending?: boolean;
    errors?: ShownError[];
    planRunId?: string;
    runs?: number;
  }>({});

  async function run() {
    setState({ pending: true });
    try {
      const { project } = await browserClient().send(LaunchOptionsDocument, { projectId });
      const existing = project?.datasets.find((d) => d.name === SAMPLE_DATASET.name);
      const datasetId =
        existing?.id ??
        (await register.mutate({ input: { projectId, ...SAMPLE_DATASET } })).registerDataset.id;
      const splitId =
        existing?.splits[0]?.id ??
        (await split.mutate({ input: { datasetId, ...SAMPLE_SPLIT } })).createSplit.id;
      const r = (await launch.mutate({ input: { ...SAMPLE_GRID, splitId } })).launchExperiment;
      const q = await browserClient().send(QueuedExperimentDocument, {
        projectId,
        experimentId: r.experiment.id,
      });
      setState({ runs: r.runCount, planRunId: q.plan.edges[0]?.node.id });
    } catch (e) {
      setState({ errors: unplacedErrors(e, []) });
    }
  }

  return (
    <div className="sample-experiment">
      <FormErrors errors={state.errors ?? []} />
      <button type="button" className="primary" disabled={state.pending} onClick={() => void run()}>
        {state.pending ? 'Queuing…' : `Run a sample experiment (${SAMPLE_RUNS} runs, about a minute)`}
      </button>
      {state.runs !== undefined && (
        <span className="muted" role="status">
          {' '}
          {state.runs} runs queued.{' '}
          {state.planRunId && (
            <PageLink href={`/p/${projectId}/runs/${state.planRunId}`}>Open the experiment →</PageLink>
          )}
        </span>
      )}
    </div>
  );
}

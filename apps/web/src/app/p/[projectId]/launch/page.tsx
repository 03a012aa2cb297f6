'use client';
import { useState } from 'react';

import { LaunchForm, type LaunchTab } from '../../../../components/launch/launch-forms.tsx';
import { hasRole, useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { SampleExperimentButton } from '../../../../components/start/sample-experiment.tsx';
import { LaunchOptionsDocument } from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';

const TABS: [LaunchTab, string][] = [
  ['experiment', 'Experiment grid'],
  ['dataset', 'Dataset'],
  ['split', 'Split'],
  ['subsets', 'Subsets'],
  ['teachers', 'Teachers'],
  ['ensemble', 'Ensemble'],
  ['distill', 'Distill'],
  ['baseline', 'Baseline'],
];

export default function LaunchPage() {
  const { id: projectId, role } = useProject();
  const [tab, setTab] = useState<LaunchTab>('experiment');
  const options = useGqlQuery(LaunchOptionsDocument, { projectId });
  // Once shown, the no-dataset banner stays until the page is left: the sample's link lives in it.
  const [emptyShown, setEmptyShown] = useState(false);
  if (options.data?.project?.datasets.length === 0 && !emptyShown) setEmptyShown(true);
  if (role && !hasRole(role, 'MEMBER'))
    return <div className="empty">Viewers cannot launch work in this project.</div>;
  return (
    <>
      <h1>Launch</h1>
      <div className="tabs" role="tablist">
        {TABS.map(([t, label]) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      <QueryError error={options.error} />
      {emptyShown && (
        <div className="banner" data-testid="launch-empty">
          <p>
            This project has no dataset yet: register one on the Dataset tab, then split it, or queue the
            sample experiment (it registers MNIST&apos;s built-in copy and splits off 2 % of it).
          </p>
          <SampleExperimentButton projectId={projectId} />
        </div>
      )}
      {options.data && (
        <LaunchForm
          key={tab}
          tab={tab}
          projectId={projectId}
          options={options.data}
          onLaunched={() => void options.refetch()}
        />
      )}
    </>
  );
}

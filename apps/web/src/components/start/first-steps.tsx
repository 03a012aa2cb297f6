'use client';

import { MeDocument } from '../../graphql/generated/graphql.ts';
import { firstCommands } from '../../lib/first-steps.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import '../launch/launch.css';
import { SampleExperimentButton } from './sample-experiment.tsx';
import { PageLink } from '../shell/page-link.tsx';

/** What an empty project shows instead of “No runs yet”: a one-click sample, the CLI's first step, Launch. */
export function FirstSteps({
  projectId,
  slug,
  canLaunch,
}: {
  projectId: string;
  slug: string;
  canLaunch: boolean;
}) {
  const me = useGqlQuery(MeDocument, {});
  const email = me.data?.me?.email ?? 'you@example.org';
  return (
    <section className="panel first-steps" data-testid="first-steps">
      <h2>Start here</h2>
      {canLaunch ? (
        <>
          <p>
            See the whole method run on this machine: 2 teachers trained on 80 % subsets of a small MNIST
            sample, their ensemble, a distilled student and a baseline.
          </p>
          <SampleExperimentButton projectId={projectId} />
          <p>Or from a terminal, as the README&apos;s tutorial starts (it asks for your password):</p>
        </>
      ) : (
        <p>Nothing has run in this project yet. A member starts from a terminal, as the tutorial does:</p>
      )}
      <pre>{firstCommands(email, slug).join('\n')}</pre>
      {canLaunch && (
        <p>
          Or pick your own dataset, split and grid on{' '}
          <PageLink href={`/p/${projectId}/launch`}>Launch</PageLink>.
        </p>
      )}
    </section>
  );
}

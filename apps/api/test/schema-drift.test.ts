import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PRINTED_SDL_PATH, printedSdl, VOCABULARY_SDL_PATH } from '../src/schema/print.ts';
import { vocabularySdl } from '../src/schema/vocabulary/print-vocabulary.ts';

describe('published schema', () => {
  it('packages/graphql-schema/schema.graphql matches the SDL modules (run npm run schema:print -w @distillery/api)', () => {
    expect(readFileSync(PRINTED_SDL_PATH, 'utf8')).toBe(printedSdl());
  });

  it('src/schema/vocabulary/schema.graphql matches @distillery/domain (same command)', () => {
    expect(readFileSync(VOCABULARY_SDL_PATH, 'utf8')).toBe(vocabularySdl());
  });

  it('keeps every operation name the issue made a contract', () => {
    const sdl = printedSdl();
    const names = [
      'me',
      'projects',
      'project',
      'datasets',
      'dataset',
      'split',
      'subset',
      'architectures',
      'runs',
      'run',
      'teachers',
      'ensembles',
      'ensemble',
      'students',
      'student',
      'metricSeries',
      'compareRuns',
      'resultsTable',
      'lineage',
      'auditLog',
      'verifyAuditChain',
      'createProject',
      'addMember',
      'createApiToken',
      'revokeApiToken',
      'registerDataset',
      'createSplit',
      'generateSubsets',
      'trainTeachers',
      'evaluateEnsemble',
      'distillStudent',
      'trainBaseline',
      'launchExperiment',
      'logMetrics',
      'setRunTags',
      'setRunNote',
      'cancelRun',
      'retryRun',
      'deleteRun',
      'runUpdated',
      'metricsAppended',
      'jobQueueChanged',
    ];
    for (const n of names) expect(sdl, n).toMatch(new RegExp(`\\n  ${n}[(:]`));
  });
});

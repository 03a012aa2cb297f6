'use client';
import type { SplitRole } from '@distillery/graphql-schema/types';
import { useState } from 'react';

import { RunMisclassifiedDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';

const PAGE = 24;

/** A confusion-matrix cell: true class × predicted class (indices). */
export interface ConfusionCell {
  trueClass: number;
  predictedClass: number;
}

// The API returns its own absolute URL (for scripts with a token); the page loads the same path through
// the dashboard's same-origin proxy, which adds the session (apps/web/src/app/samples).
const proxied = (url: string) => new URL(url).pathname;

/**
 * The samples a classifier's final predictions got wrong, as thumbnails (true → predicted, confidence),
 * optionally of one confusion cell, paged; datasets the API has no images of show their rows only.
 */
export function MisclassifiedSamples({
  runId,
  role,
  cell,
  classNames,
  onClearCell,
}: {
  runId: string;
  role: SplitRole;
  cell: ConfusionCell | null;
  classNames: readonly string[];
  onClearCell: () => void;
}) {
  // Cursors of the pages before this one, so Previous goes back without the API paging backwards.
  const [trail, setTrail] = useState<(string | null)[]>([null]);
  const [filterKey, setFilterKey] = useState('');
  const key = `${role}:${cell?.trueClass}:${cell?.predictedClass}`;
  if (key !== filterKey) {
    setFilterKey(key);
    setTrail([null]);
  }
  const after = trail.at(-1) ?? null;
  const q = useGqlQuery(RunMisclassifiedDocument, {
    id: runId,
    splitRole: role,
    trueClass: cell?.trueClass ?? null,
    predictedClass: cell?.predictedClass ?? null,
    first: PAGE,
    after,
  });
  const page = q.data?.run?.misclassified;
  const from = (trail.length - 1) * PAGE;
  return (
    <section className="panel" data-testid="misclassified">
      <div className="spread">
        <h3>Misclassified samples</h3>
        <div className="row muted">
          {cell ? (
            <span className="filter-chip" data-testid="misclassified-filter">
              true {classNames[cell.trueClass]} → predicted {classNames[cell.predictedClass]}
              <button className="ghost" onClick={onClearCell} aria-label="Show every misclassified sample">
                ✕
              </button>
            </span>
          ) : (
            <span>Click a cell of the confusion matrix to see only its samples.</span>
          )}
          {page && (
            <span data-testid="misclassified-count">
              {page.totalCount === 0
                ? 'none'
                : `${from + 1}–${from + page.edges.length} of ${page.totalCount.toLocaleString()}`}
            </span>
          )}
        </div>
      </div>
      {!page ? (
        <div className="muted">
          {q.loading ? 'Loading…' : 'This run stored no final predictions with their labels.'}
        </div>
      ) : page.edges.length === 0 ? (
        <div className="muted">No misclassified samples{cell ? ' in this cell' : ''}.</div>
      ) : (
        <ul className="sample-grid">
          {page.edges.map(({ node: s }) => (
            <li
              key={s.index}
              className="sample"
              data-testid="misclassified-sample"
              data-index={s.index}
              title={`sample ${s.index}: ${s.trueClassName} taken for ${s.predictedClassName}`}
            >
              {s.imageUrl ? (
                <img
                  src={proxied(s.imageUrl)}
                  alt={`sample ${s.index}, a ${s.trueClassName}`}
                  loading="lazy"
                />
              ) : (
                <div className="sample-blank">#{s.index}</div>
              )}
              <div className="sample-caption">
                <span className="sample-true">{s.trueClassName}</span> →{' '}
                <span className="sample-pred">{s.predictedClassName}</span>
              </div>
              <div className="muted sample-confidence" title="probability given to the predicted class">
                conf. {(s.confidence * 100).toFixed(1)} %
              </div>
            </li>
          ))}
        </ul>
      )}
      {page && (trail.length > 1 || page.pageInfo.hasNextPage) && (
        <div className="row" style={{ marginTop: 10 }}>
          <button disabled={trail.length <= 1} onClick={() => setTrail((t) => t.slice(0, -1))}>
            Previous
          </button>
          <button
            disabled={!page.pageInfo.hasNextPage}
            onClick={() => setTrail((t) => [...t, page.pageInfo.endCursor ?? null])}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}

'use client';
import type { RunFilter, RunOrder } from '@distillery/graphql-schema/types';
import { toAppError, type AppError } from '@distillery/client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { RunsDocument } from '../../graphql/generated/graphql.ts';
import { browserClient } from '../../lib/graphql/client.ts';
import { factOfParam } from '../compare/run-facts.ts';
import { CsvButton } from '../csv/csv-button.tsx';
import { QueryError } from '../shell/query-error.tsx';
import type { RunColumn } from './columns.ts';
import { digitsByColumn, displayRows, type DisplayRow } from './display-rows.ts';
import { runsCsv } from './runs-csv.ts';

/** Most runs "Compare all filtered" opens (the compare page overlays every run's curves). */
export const COMPARE_MAX_RUNS = 100;
/** Most runs one CSV holds (200 a request). */
export const CSV_MAX_RUNS = 10_000;

/** The runs page's header actions: live state, count, CSV of the table, compare selected or all filtered. */
export function RunsActions(props: {
  base: string;
  projectId: string;
  filter: RunFilter | null;
  order: RunOrder;
  total: number;
  selected: readonly string[];
  rows: readonly DisplayRow[];
  columns: readonly RunColumn[];
  digits: ReadonlyMap<string, number>;
  groupKey: string;
  live: string;
  disabled: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState(false);
  // A grouped table opens compare grouped the same way (W&B's grouped charts): one mean line and band
  // per group of the selected or filtered runs.
  const group = props.groupKey ? `&group=${encodeURIComponent(factOfParam(props.groupKey))}` : '';
  const byGroup = props.groupKey ? `, grouped by ${props.groupKey}` : '';
  const compare = (ids: readonly string[]) =>
    router.push(`${props.base}/compare?runs=${ids.join(',')}${group}`);
  const compareFiltered = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { runs } = await browserClient().send(RunsDocument, {
        projectId: props.projectId,
        filter: props.filter ?? undefined,
        orderBy: props.order,
        first: COMPARE_MAX_RUNS,
      });
      compare(runs.edges.map((e) => e.node.id));
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  // The table holds only the pages scrolled to; the file has every filtered run (grouped views hold all).
  const csv = async () => {
    let rows = props.rows;
    let digits = props.digits;
    if (!props.groupKey && rows.length < props.total) {
      const runs = [];
      let after: string | undefined;
      do {
        const page = await browserClient().send(RunsDocument, {
          projectId: props.projectId,
          filter: props.filter ?? undefined,
          orderBy: props.order,
          first: 200,
          after,
        });
        runs.push(...page.runs.edges.map((e) => e.node));
        after = page.runs.pageInfo.hasNextPage ? (page.runs.pageInfo.endCursor ?? undefined) : undefined;
      } while (after && runs.length < CSV_MAX_RUNS);
      rows = displayRows(runs, null, new Set());
      digits = digitsByColumn(runs, props.columns);
    }
    return { name: 'runs.csv', text: runsCsv(rows, props.columns, digits, props.groupKey) };
  };
  const n = Math.min(props.total, COMPARE_MAX_RUNS);
  return (
    <div>
      <div className="runs-toolbar-actions">
        <span className={`live ${props.live === 'live' ? 'live-on' : ''}`}>● {props.live}</span>
        <span className="muted" data-testid="runs-total">
          {props.disabled ? 'no answer' : `${props.total.toLocaleString()} runs`}
        </span>
        <CsvButton disabled={props.rows.length === 0 || busy} file={csv} />
        <button
          type="button"
          disabled={props.disabled || busy || props.total === 0}
          title={
            props.total > COMPARE_MAX_RUNS ? `The first ${COMPARE_MAX_RUNS} in the table's order` : undefined
          }
          onClick={() => void compareFiltered()}
        >
          {props.total > COMPARE_MAX_RUNS
            ? `Compare first ${n} filtered${byGroup}`
            : props.total > 0
              ? `Compare all ${n} filtered${byGroup}`
              : 'Compare all filtered'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={props.selected.length < 1}
          onClick={() => compare(props.selected)}
        >
          Compare {props.selected.length > 0 ? props.selected.length : ''}
          {props.selected.length > 0 ? byGroup : ''}
        </button>
      </div>
      <QueryError error={error} />
    </div>
  );
}

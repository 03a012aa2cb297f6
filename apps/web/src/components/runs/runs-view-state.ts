import type { RunKind, RunOrder, RunStatus } from '@distillery/graphql-schema/types';

import { RUN_KINDS, RUN_ORDER_FIELDS, RUN_STATUSES } from '../../lib/vocabulary.ts';

/** What the runs page shows, kept in its URL so Back, reload and a shared link bring it back. */
export interface RunsViewState {
  name: string;
  kind: RunKind | '';
  status: RunStatus | '';
  tag: string;
  where: string;
  order: RunOrder;
  /** Chosen params/summary columns as `summary.test_accuracy`; null = the default choice. */
  columns: string[] | null;
  selected: string[];
  /** Params key the rows are grouped by (`mode`, `optimizer.lr`); '' = not grouped. */
  group: string;
}

/** The order of a plain runs page: newest first. */
export const DEFAULT_ORDER: RunOrder = { field: 'CREATED_AT', direction: 'DESC' };

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** Read the view from the page's search params (unknown values fall back to the defaults). */
export function readRunsView(q: URLSearchParams): RunsViewState {
  const kind = q.get('kind') ?? '';
  const status = q.get('status') ?? '';
  const [field, direction, ...path] = (q.get('sort') ?? '').split(':');
  const order: RunOrder = (RUN_ORDER_FIELDS as readonly string[]).includes(field ?? '')
    ? {
        field: field as RunOrder['field'],
        direction: direction === 'ASC' ? 'ASC' : 'DESC',
        ...(path.length ? { path: path.join(':') } : {}),
      }
    : DEFAULT_ORDER;
  return {
    name: q.get('name') ?? '',
    kind: (RUN_KINDS as readonly string[]).includes(kind) ? (kind as RunKind) : '',
    status: (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : '',
    tag: q.get('tags') ?? '',
    where: q.get('where') ?? '',
    order,
    columns: q.has('cols') ? list(q.get('cols')) : null,
    selected: list(q.get('sel')),
    group: q.get('group') ?? '',
  };
}

/** The search string of a view (defaults left out, so a plain runs page keeps a plain URL). */
export function writeRunsView(v: RunsViewState): string {
  const q = new URLSearchParams();
  if (v.name) q.set('name', v.name);
  if (v.kind) q.set('kind', v.kind);
  if (v.status) q.set('status', v.status);
  if (v.tag) q.set('tags', v.tag);
  if (v.where) q.set('where', v.where);
  if (v.order.field !== DEFAULT_ORDER.field || v.order.direction !== DEFAULT_ORDER.direction || v.order.path)
    q.set('sort', [v.order.field, v.order.direction, ...(v.order.path ? [v.order.path] : [])].join(':'));
  if (v.columns) q.set('cols', v.columns.join(','));
  if (v.group) q.set('group', v.group);
  if (v.selected.length) q.set('sel', v.selected.join(','));
  const s = q.toString();
  return s ? `?${s}` : '';
}

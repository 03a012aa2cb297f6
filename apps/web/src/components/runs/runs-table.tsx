'use client';
import type { RunOrder } from '@distillery/graphql-schema/types';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useRef } from 'react';

import type { RunRowFragment } from '../../graphql/generated/graphql.ts';
import { formatValue, readPath, type RunColumn } from './columns.ts';
import { age, StatusChip } from './status-chip.tsx';

const ROW = 34;

/** Virtualised runs grid: only visible rows are in the DOM, so 10,000 runs scroll like 10. */
export function RunsTable({
  projectId,
  rows,
  total,
  columns,
  order,
  onSort,
  selected,
  onToggle,
  onNeedMore,
}: {
  projectId: string;
  rows: readonly RunRowFragment[];
  total: number;
  columns: readonly RunColumn[];
  order: RunOrder;
  onSort: (o: RunOrder) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  onNeedMore: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virt = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virt.getVirtualItems();
  const last = items[items.length - 1];
  const lastIndex = last?.index ?? -1;
  const hasRows = items.length > 0 && rows.length > 0;
  useEffect(() => {
    // First rows on screen: a User Timing mark the bench reads (time from navigation start).
    if (hasRows && performance.getEntriesByName('distillery:runs-rows').length === 0)
      performance.mark('distillery:runs-rows');
  }, [hasRows]);
  useEffect(() => {
    if (lastIndex >= rows.length - 40 && rows.length < total) onNeedMore();
  }, [lastIndex, rows.length, total, onNeedMore]);
  const template = `40px minmax(220px, 2fr) 120px 120px minmax(120px, 1fr) ${columns.map(() => 'minmax(110px, 1fr)').join(' ')} 100px`;
  const sortKey = (field: RunOrder['field'], path?: string) => `${field}:${path ?? ''}`;
  const current = sortKey(order.field, order.path ?? undefined);
  const head = (label: string, field: NonNullable<RunOrder['field']>, path?: string) => {
    const on = current === sortKey(field, path);
    const dir = on ? order.direction : undefined;
    return (
      <div
        key={`${field}:${path ?? ''}`}
        className={on ? 'sorted' : ''}
        role="columnheader"
        aria-sort={dir === 'ASC' ? 'ascending' : dir === 'DESC' ? 'descending' : 'none'}
        onClick={() => onSort({ field, path, direction: on && dir === 'DESC' ? 'ASC' : 'DESC' })}
        title={path ?? label}
      >
        {label} {dir === 'ASC' ? '▲' : dir === 'DESC' ? '▼' : ''}
      </div>
    );
  };
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <div className="vtable" role="table" aria-rowcount={total}>
      <div className="vtable-scroll" ref={scroller} style={{ height: 'calc(100vh - 250px)', minHeight: 300 }}>
        <div className="vhead" role="row" style={{ gridTemplateColumns: template }}>
          <div>
            <input
              type="checkbox"
              aria-label="Select loaded runs"
              checked={allOn}
              onChange={(e) => rows.forEach((r) => onToggle(r.id, e.target.checked))}
            />
          </div>
          {head('Name', 'NAME')}
          <div>Kind</div>
          {head('Status', 'STATUS')}
          <div>Tags</div>
          {columns.map((c) => head(c.label, c.source === 'params' ? 'PARAM' : 'SUMMARY', c.path))}
          {head('Created', 'CREATED_AT')}
        </div>
        <div
          style={{ height: virt.getTotalSize(), position: 'relative' }}
          data-testid="runs-rows"
          data-rows={items.length > 0 ? rows.length : 0}
        >
          {items.map((it) => {
            const r = rows[it.index];
            if (!r) return null;
            const on = selected.has(r.id);
            return (
              <div
                key={r.id}
                role="row"
                className={`vrow${on ? ' selected' : ''}`}
                style={{ gridTemplateColumns: template, height: ROW, transform: `translateY(${it.start}px)` }}
              >
                <div>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={on}
                    onChange={(e) => onToggle(r.id, e.target.checked)}
                  />
                </div>
                <div>
                  <Link href={`/p/${projectId}/runs/${r.id}`}>{r.name}</Link>
                </div>
                <div className="muted">{r.kind.toLowerCase()}</div>
                <div className="cell-chip">
                  <StatusChip status={r.status} />
                </div>
                <div>
                  {r.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </div>
                {columns.map((c) => {
                  const v = readPath(c.source === 'params' ? r.params : r.summary, c.path);
                  return (
                    <div key={c.id} className={typeof v === 'number' ? 'num' : ''}>
                      {formatValue(v)}
                    </div>
                  );
                })}
                <div className="muted" title={r.createdAt}>
                  {age(r.createdAt)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

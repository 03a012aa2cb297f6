'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useMemo, useState } from 'react';

import { EChart } from '../../../../components/charts/echart.tsx';
import { seriesColor } from '../../../../components/charts/palette.ts';
import {
  layoutLineage,
  LINEAGE_COLUMN,
  LINEAGE_LABEL_WIDTH,
  LINEAGE_ROW,
  LINEAGE_TYPES,
} from '../../../../components/lineage/layout.ts';
import { StatusChip } from '../../../../components/runs/status-chip.tsx';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import {
  LineageDocument,
  ModelsForCompressionDocument,
  ProjectHomeDocument,
} from '../../../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';
import { PageLink } from '../../../../components/shell/page-link.tsx';

function Lineage() {
  const { id: projectId } = useProject();
  const router = useRouter();
  const [columnGap, setColumnGap] = useState<number | null>(null);
  const home = useGqlQuery(ProjectHomeDocument, { id: projectId });
  const rootParam = useSearchParams().get('id');
  const root = rootParam ?? home.data?.project?.datasets[0]?.id ?? null;
  const q = useGqlQuery(LineageDocument, { id: root ?? '' }, { skip: !root });
  const models = useGqlQuery(ModelsForCompressionDocument, { projectId });
  const runOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const t of models.data?.teachers ?? []) m.set(t.id, t.run.id);
    for (const s of models.data?.students ?? []) m.set(s.id, s.run.id);
    return m;
  }, [models.data]);
  const graph = q.data?.lineage;
  const option = useMemo(() => {
    if (!graph) return {};
    const pos = layoutLineage(graph.nodes, graph.edges);
    return {
      tooltip: {
        formatter: (p: { data: { name?: string; type?: string; status?: string } }) =>
          p.data.type
            ? `${p.data.type}: ${p.data.name}${p.data.status ? ` (${p.data.status.toLowerCase()})` : ''}`
            : '',
      },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          // Room for the last column's labels; the box matches the layout's own pixels (see layoutLineage).
          left: 20,
          right: LINEAGE_LABEL_WIDTH + 10,
          top: 30,
          bottom: 30,
          label: {
            show: true,
            position: 'right',
            fontSize: 11,
            width: LINEAGE_LABEL_WIDTH,
            overflow: 'truncate',
          },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 7,
          lineStyle: { opacity: 0.6, width: 1.2, curveness: 0.08 },
          data: graph.nodes.map((n) => ({
            id: n.id,
            name: n.label,
            type: n.type,
            status: n.status,
            x: pos.get(n.id)?.x ?? 0,
            y: pos.get(n.id)?.y ?? 0,
            symbolSize: n.id === graph.root ? 24 : 16,
            itemStyle: {
              color: seriesColor(Math.max(0, LINEAGE_TYPES.indexOf(n.type))),
              borderColor: n.id === graph.root ? '#000' : undefined,
              borderWidth: n.id === graph.root ? 2 : 0,
            },
          })),
          links: graph.edges.map((e) => ({ source: e.from, target: e.to })),
        },
      ],
    };
  }, [graph]);
  // Room for every node of the tallest layer, so labels do not overlap.
  const perType = new Map<string, number>();
  for (const n of graph?.nodes ?? []) perType.set(n.type, (perType.get(n.type) ?? 0) + 1);
  const tallest = Math.max(1, ...perType.values());
  const height = Math.min(2400, Math.max(420, tallest * LINEAGE_ROW + 60));
  const rootNode = graph?.nodes.find((n) => n.id === graph.root);
  const rootRun = rootNode ? (rootNode.type === 'Run' ? rootNode.id : runOf.get(rootNode.id)) : undefined;
  return (
    <>
      <div className="spread">
        <h1>Lineage</h1>
        <div className="row muted">
          {LINEAGE_TYPES.map((t, i) => (
            <span key={t} className="row" style={{ gap: 4 }}>
              <i
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  borderRadius: 5,
                  background: seriesColor(i),
                }}
              />
              {t.toLowerCase()}
            </span>
          ))}
        </div>
      </div>
      <QueryError error={q.error} />
      {!root && !home.loading && (
        <div className="empty">
          Register a dataset first; its lineage grows as splits, subsets, teachers, ensembles and students are
          made.
        </div>
      )}
      {rootNode && (
        <div className="toolbar">
          <strong>
            {rootNode.type}: {rootNode.label}
          </strong>
          {rootNode.status && <StatusChip status={rootNode.status} />}
          {rootRun && <PageLink href={`/p/${projectId}/runs/${rootRun}`}>open run →</PageLink>}
          <span className="muted">Click a node to centre the graph on it.</span>
        </div>
      )}
      {graph && (
        <div className="panel" data-testid="lineage-panel" data-column-gap={columnGap ?? ''}>
          <EChart
            option={option}
            height={height}
            testId="lineage-graph"
            onRendered={(chart) => {
              // On-screen distance between two layers, for the browser test (labels need their width + 10 px).
              const a = chart.convertToPixel({ seriesIndex: 0 }, [0, 0]) as number[] | undefined;
              const b = chart.convertToPixel({ seriesIndex: 0 }, [LINEAGE_COLUMN, 0]) as number[] | undefined;
              if (a && b) setColumnGap(Math.round(b[0]! - a[0]!));
            }}
            onClick={(p) => {
              const d = p.data as { id?: string } | undefined;
              if (p.dataType === 'node' && d?.id) router.push(`/p/${projectId}/lineage?id=${d.id}`);
            }}
          />
        </div>
      )}
    </>
  );
}

export default function LineagePage() {
  return (
    <Suspense>
      <Lineage />
    </Suspense>
  );
}

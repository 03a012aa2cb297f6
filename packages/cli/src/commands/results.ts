// results table: the method's "mean (SEM), n" tables (mtkd-method.md §3.3, §5.1) in the terminal.
// The last grouping field becomes the columns, the one before it the rows, and any earlier ones
// split the output into one table each (e.g. one per teacher count, as in the thesis).
import {
  ResultsTableDocument,
  type ResultGroupField,
  type ResultsTableQuery,
  type RunKind,
} from '@distillery/client';
import { formatCell } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { renderTable } from '../output.ts';
import type { Register } from '../program.ts';

type Row = ResultsTableQuery['resultsTable']['rows'][number];

const FIELDS: ResultGroupField[] = [
  'ALPHA',
  'ARCHITECTURE',
  'EXPERIMENT',
  'FRACTION',
  'KIND',
  'MODE',
  'TEACHER_COUNT',
  'TEMPERATURE_MODE',
];

function label(v: unknown): string {
  return typeof v === 'string' ? v.toLowerCase() : v === null || v === undefined ? '–' : String(v);
}

function order(field: ResultGroupField) {
  // The thesis lists p from 1 down; everything else ascending.
  const dir = field === 'FRACTION' ? -1 : 1;
  return (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? dir * (a - b) : String(a).localeCompare(String(b));
}

/** Render the pivoted tables as text. */
export function renderResults(
  rows: readonly Row[],
  groupBy: readonly ResultGroupField[],
  percent: boolean,
  metric: string,
): string {
  const colField = groupBy.at(-1)!;
  const rowField = groupBy.length > 1 ? groupBy.at(-2)! : undefined;
  const outer = groupBy.slice(0, Math.max(0, groupBy.length - 2));
  const g = (r: Row) => r.group as Record<string, unknown>;
  const sections = new Map<string, Row[]>();
  for (const r of rows) {
    const key = outer.map((f) => `${f.toLowerCase()} = ${label(g(r)[f])}`).join(', ');
    sections.set(key, [...(sections.get(key) ?? []), r]);
  }
  let text = '';
  for (const [title, list] of [...sections.entries()].sort((a, b) =>
    a[0].localeCompare(b[0], undefined, { numeric: true }),
  )) {
    const cols = [...new Set(list.map((r) => g(r)[colField]))].sort(order(colField));
    const rowKeys = rowField
      ? [...new Set(list.map((r) => g(r)[rowField]))].sort(order(rowField))
      : [undefined];
    const table = rowKeys.map((rk) => {
      const cells = cols.map((ck) =>
        list.find((r) => g(r)[colField] === ck && (rowField === undefined || g(r)[rowField] === rk)),
      );
      return { rk, cells };
    });
    if (title) text += `${title}\n`;
    text += renderTable(table, [
      {
        header: rowField
          ? rowField.toLowerCase().replace('teacher_count', 'teachers').replace('fraction', 'p')
          : metric,
        get: (t) => (rowField ? label(t.rk) : ''),
      },
      ...cols.map((ck, i) => ({
        header: label(ck),
        get: (t: (typeof table)[number]) => (t.cells[i] ? formatCell(t.cells[i]!, percent) : ''),
      })),
    ]);
  }
  return text;
}

export const registerResultsCommands: Register = (program: Command, action) => {
  const results = program.command('results').description('aggregated results of finished runs');
  results
    .command('table')
    .description('mean (SEM), n of a summary metric over SUCCEEDED runs, pivoted like the thesis tables')
    .option('--metric <key>', 'summary metric', 'test_accuracy')
    .option(
      '--group-by <f,…>',
      `grouping fields (${FIELDS.map((f) => f.toLowerCase()).join(', ')}); the last two are rows × columns`,
      'teacher_count,fraction,mode',
    )
    .option('--kinds <k,…>', 'run kinds to include', 'student')
    .option('--experiment <id>', 'only runs of this experiment')
    .option('--no-percent', 'print accuracies as fractions instead of percent')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery results table                                  # N teachers × p × mode, like thesis §5.1\n  $ distillery results table --group-by mode,alpha\n  $ distillery results table --kinds teacher --group-by fraction,architecture --json',
    )
    .action(
      action(
        async (
          ctx,
          o: { metric: string; groupBy: string; kinds: string; experiment?: string; percent: boolean },
        ) => {
          const groupBy = o.groupBy.split(',').map((f) => f.trim().toUpperCase()) as ResultGroupField[];
          const bad = groupBy.find((f) => !FIELDS.includes(f));
          if (bad || groupBy.length === 0)
            throw new AppError(
              AppErrorCode.BAD_USER_INPUT,
              `--group-by: unknown field "${bad ?? ''}" (use ${FIELDS.map((f) => f.toLowerCase()).join(', ')})`,
            );
          const kinds = o.kinds.split(',').map((k) => k.trim().toUpperCase()) as RunKind[];
          const { resultsTable } = await ctx.client().request(ResultsTableDocument, {
            projectId: await ctx.projectId(),
            metric: o.metric,
            groupBy,
            kinds,
            ...(o.experiment ? { experimentId: o.experiment } : {}),
          });
          if (ctx.json) {
            ctx.io.out(`${JSON.stringify(resultsTable.rows, null, 2)}\n`);
            return;
          }
          if (resultsTable.rows.length === 0) {
            ctx.io.err(`no SUCCEEDED ${kinds.join('/').toLowerCase()} runs with summary.${o.metric} yet\n`);
            return;
          }
          const percent = o.percent && /accuracy/.test(o.metric);
          ctx.io.out(`${o.metric}${percent ? ' (%)' : ''}: mean (SEM), n\n`);
          ctx.io.out(renderResults(resultsTable.rows, groupBy, percent, o.metric));
        },
      ),
    );
};

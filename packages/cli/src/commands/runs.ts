// runs list | show | watch. `watch` follows a run through the subscriptions and exits with its status.
import {
  CancelRunDocument,
  followRun,
  listRuns,
  RunDocument,
  type RunFilter,
  type RunKind,
  type RunStatus,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { EXIT } from '../exit-codes.ts';
import { cell, printList, printObject } from '../output.ts';
import type { Register } from '../program.ts';
import { num } from '../resolve.ts';
import { WatchView } from '../watch-view.ts';
import { printRuns } from './training.ts';

const upperList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim().toUpperCase())
    .filter(Boolean);

/** Exit code of a finished run. */
export function exitForStatus(status: RunStatus): number {
  return status === 'SUCCEEDED' ? EXIT.OK : status === 'CANCELLED' ? EXIT.RUN_CANCELLED : EXIT.RUN_FAILED;
}

export const registerRunsCommands: Register = (program: Command, action) => {
  const runs = program.command('runs').description('list, inspect and follow runs');
  runs
    .command('list')
    .description('runs of the project, newest first')
    .option('--status <s,…>', 'QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED')
    .option('--kind <k,…>', 'TEACHER, STUDENT, BASELINE, ENSEMBLE_EVAL, EXPERIMENT, PREDICT')
    .option('--tag <tag>', 'runs carrying this tag')
    .option('--name <text>', 'name contains')
    .option('--experiment <id>', 'runs of one experiment')
    .option('--limit <n>', 'at most this many runs', '50')
    .option('-q, --quiet', 'print only the run ids')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery runs list --kind TEACHER --status SUCCEEDED\n  $ distillery runs list --json | jq ".[].summary.test_accuracy"',
    )
    .action(
      action(
        async (
          ctx,
          o: {
            status?: string;
            kind?: string;
            tag?: string;
            name?: string;
            experiment?: string;
            limit: string;
            quiet?: boolean;
          },
        ) => {
          const filter: RunFilter = {
            ...(o.status ? { status: upperList(o.status) as RunStatus[] } : {}),
            ...(o.kind ? { kind: upperList(o.kind) as RunKind[] } : {}),
            ...(o.tag ? { tagsAll: [o.tag] } : {}),
            ...(o.name ? { nameContains: o.name } : {}),
            ...(o.experiment ? { experimentId: o.experiment } : {}),
          };
          const rows = [];
          for await (const r of listRuns(ctx.client(), await ctx.projectId(), {
            filter,
            limit: num('--limit', o.limit),
          }))
            rows.push(r);
          printRuns(ctx, rows, o.quiet);
        },
      ),
    );
  runs
    .command('show <id>')
    .description('one run: parameters, summary, checkpoints and recent events')
    .action(
      action(async (ctx, id: string) => {
        const { run } = await ctx.client().request(RunDocument, { id });
        if (!run)
          throw new AppError(AppErrorCode.NOT_FOUND, `run ${id} does not exist or is not visible to you`);
        if (ctx.json) {
          printObject(ctx.io, true, run);
          return;
        }
        printObject(ctx.io, false, {
          id: run.id,
          name: run.name,
          kind: run.kind,
          status: run.status,
          architecture: run.architectureKey,
          seed: run.seed,
          tags: run.tags,
          params: run.params,
          summary: run.summary,
          parameters: run.parameterCount,
          failure: run.failureReason,
          created: run.createdAt,
          started: run.startedAt,
          finished: run.finishedAt,
          metrics: run.metricKeys,
        });
        if (run.events.length) {
          ctx.io.out('\n');
          printList(ctx.io, false, run.events, [
            { header: 'at', get: (e) => e.at },
            { header: 'event', get: (e) => e.type },
            { header: 'attempt', get: (e) => e.attempt },
            { header: 'message', get: (e) => e.message },
          ]);
        }
      }),
    );
  runs
    .command('cancel <id>')
    .description('cancel a queued or running run')
    .action(
      action(async (ctx, id: string) => {
        const { cancelRun } = await ctx.client().request(CancelRunDocument, { runId: id });
        printRuns(ctx, [cancelRun]);
      }),
    );
  runs
    .command('watch <id>')
    .description('follow a run live (status and metrics from the subscriptions) and exit with its status')
    .option('--keys <k,…>', 'metric keys to stream (default all)')
    .addHelpText(
      'after',
      '\nExit codes: 0 SUCCEEDED, 10 FAILED, 11 CANCELLED (plus the usual 1–5 for errors).\n\nExamples:\n  $ distillery runs watch $RUN && echo trained',
    )
    .action(
      action(async (ctx, id: string, o: { keys?: string }) => {
        const { run: first } = await ctx.client().request(RunDocument, { id });
        if (!first)
          throw new AppError(AppErrorCode.NOT_FOUND, `run ${id} does not exist or is not visible to you`);
        const epochs = (first.params as { epochs?: unknown } | null)?.epochs;
        const view = new WatchView(ctx.io, typeof epochs === 'number' ? epochs : undefined);
        let final;
        try {
          final = await followRun(ctx.client(), id, {
            onRun: (r) => view.onRun(r),
            onMetrics: (b) => view.onMetrics(b),
            ...(o.keys ? { keys: o.keys.split(',') } : {}),
          });
        } finally {
          view.stop();
        }
        if (ctx.json) printObject(ctx.io, true, final);
        else {
          const acc = (final.summary as Record<string, unknown> | null)?.test_accuracy;
          ctx.io.out(
            `run ${final.id} ${final.status}${acc !== undefined ? ` test_accuracy ${cell(acc)}` : ''}${final.failureReason ? `: ${final.failureReason}` : ''}\n`,
          );
        }
        return exitForStatus(final.status);
      }),
    );
};

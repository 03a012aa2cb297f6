// The live view of `runs watch`: a progress bar on a terminal, epoch lines otherwise.
import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import type { MetricsAppendedSubscription, RunFieldsFragment } from '@distillery/client';

import type { CliIo } from './io.ts';
import { WatchView } from './watch-view.ts';

function io(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let drawn = '';
  stream.on('data', (d: Buffer) => (drawn += d.toString()));
  let err = '';
  const value: CliIo = {
    out: () => undefined,
    err: (t) => void (err += t),
    env: {},
    cwd: '/',
    isTTY,
    progressStream: stream,
    readStdin: async () => '',
  };
  return { value, drawn: () => drawn, err: () => err };
}

const run = (status: RunFieldsFragment['status']) => ({ status }) as RunFieldsFragment;
const batch = (points: [string, number, number][]): MetricsAppendedSubscription['metricsAppended'] => ({
  runId: 'r',
  backfill: false,
  points: points.map(([key, step, value]) => ({ key, step, value, wallTime: '' })),
});

describe('WatchView', () => {
  it('draws a bar over epochs with the latest metrics on a terminal', () => {
    const t = io(true);
    const view = new WatchView(t.value, 3);
    view.onRun(run('RUNNING'));
    view.onMetrics(
      batch([
        ['loss', 10, 0.5],
        ['epoch', 10, 1],
        ['epoch_loss', 10, 0.45],
        ['val_accuracy', 10, 0.9],
      ]),
    );
    view.onMetrics(batch([['epoch', 20, 2]]));
    view.stop();
    expect(t.drawn()).toMatch(/RUNNING \|[=-]+\| epoch 2\/3 \| step 20 \| loss 0\.45 val_accuracy 0\.9/);
    expect(t.err()).toBe('');
  });

  it('prints one line per epoch and per status change without a terminal', () => {
    const t = io(false);
    const view = new WatchView(t.value, undefined);
    view.onRun(run('QUEUED'));
    view.onRun(run('RUNNING'));
    view.onMetrics(
      batch([
        ['epoch_loss', 10, 0.45],
        ['loss', 9, 0.5],
      ]),
    );
    view.onMetrics(batch([['epoch', 10, 1]]));
    view.onRun(run('SUCCEEDED'));
    view.stop();
    expect(t.err()).toBe('status QUEUED\nstatus RUNNING\nepoch 1 step 10 loss 0.45\nstatus SUCCEEDED\n');
    expect(t.drawn()).toBe('');
  });
});

// What `runs watch` shows while a run trains: a progress bar over epochs (steps when the epoch count
// is unknown) on a terminal, one line per epoch and status change otherwise (logs, CI, tests).
import type { MetricsAppendedSubscription, RunFieldsFragment } from '@distillery/client';
import { SingleBar } from 'cli-progress';

import type { CliIo } from './io.ts';
import { cell } from './output.ts';

type Batch = MetricsAppendedSubscription['metricsAppended'];

const SHOWN = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];

/** Live view of one run. */
export class WatchView {
  private bar: SingleBar | undefined;
  private status = '';
  private epoch = 0;
  private step = 0;
  private readonly latest = new Map<string, number>();
  private readonly epochLines = new Map<number, Record<string, number>>();

  constructor(
    private readonly io: CliIo,
    private readonly totalEpochs: number | undefined,
  ) {
    if (io.isTTY) {
      this.bar = new SingleBar({
        stream: io.progressStream,
        format: `{status} |{bar}| ${totalEpochs ? 'epoch {value}/{total}' : 'step {value}'} | step {step} | {metrics}`,
        hideCursor: true,
        clearOnComplete: false,
      });
      this.bar.start(totalEpochs ?? 0, 0, { status: 'QUEUED', step: 0, metrics: '' });
    }
  }

  /** A status change of the run. */
  onRun(run: RunFieldsFragment): void {
    if (run.status === this.status) return;
    this.status = run.status;
    if (this.bar) this.bar.update({ status: run.status });
    else this.io.err(`status ${run.status}\n`);
  }

  /** A batch of points from metricsAppended. */
  onMetrics(batch: Batch): void {
    for (const p of [...batch.points].sort((a, b) => a.step - b.step)) {
      this.step = Math.max(this.step, p.step);
      if (p.key === 'epoch') {
        this.epoch = Math.max(this.epoch, p.value);
        this.epochLines.set(p.step, { ...(this.epochLines.get(p.step) ?? {}), epoch: p.value });
      } else if (p.key.startsWith('epoch_') || p.key.startsWith('val_')) {
        const k = p.key.replace(/^epoch_/, '');
        this.epochLines.set(p.step, { ...(this.epochLines.get(p.step) ?? {}), [k]: p.value });
      }
      if (SHOWN.includes(p.key) || p.key.startsWith('epoch_'))
        this.latest.set(p.key.replace(/^epoch_/, ''), p.value);
    }
    const metrics = SHOWN.filter((k) => this.latest.has(k))
      .map((k) => `${k} ${cell(this.latest.get(k))}`)
      .join(' ');
    if (this.bar) {
      this.bar.update(this.totalEpochs ? this.epoch : this.step, { step: this.step, metrics });
      return;
    }
    // Without a terminal: one line per completed epoch, once its epoch marker has arrived.
    for (const [step, line] of [...this.epochLines.entries()].sort((a, b) => a[0] - b[0])) {
      if (line.epoch === undefined) continue;
      const rest = Object.entries(line)
        .filter(([k]) => k !== 'epoch')
        .map(([k, v]) => `${k} ${cell(v)}`)
        .join(' ');
      this.io.err(
        `epoch ${line.epoch}${this.totalEpochs ? `/${this.totalEpochs}` : ''} step ${step}${rest ? ` ${rest}` : ''}\n`,
      );
      this.epochLines.delete(step);
    }
  }

  /** Stop drawing. */
  stop(): void {
    this.bar?.stop();
  }
}

// System metrics logged next to a run's training metrics (ClearML's agent and MLflow do the same):
// process CPU, resident memory, host memory, and GPU utilisation/memory where `nvidia-smi` answers.
import { execFile } from 'node:child_process';
import { cpus, freemem, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One sample: metric key → value. */
export type SystemSample = Record<string, number>;

/** Samples CPU as the share of all cores used by this process since the previous sample. */
export class SystemSampler {
  private lastCpu = process.cpuUsage();
  private lastAt = process.hrtime.bigint();
  private gpu: boolean | null = null;

  /** Take a sample; GPU figures appear only on machines with an NVIDIA driver. */
  async sample(): Promise<SystemSample> {
    const now = process.hrtime.bigint();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallUs = Number(now - this.lastAt) / 1000;
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    const cores = cpus().length || 1;
    const out: SystemSample = {
      'system/cpu_percent': wallUs > 0 ? (100 * (cpu.user + cpu.system)) / wallUs / cores : 0,
      'system/memory_rss_mb': process.memoryUsage.rss() / 2 ** 20,
      'system/host_memory_percent': (100 * (totalmem() - freemem())) / totalmem(),
    };
    Object.assign(out, await this.sampleGpu());
    return out;
  }

  private async sampleGpu(): Promise<SystemSample> {
    if (this.gpu === false) return {};
    try {
      const { stdout } = await run(
        'nvidia-smi',
        ['--query-gpu=utilization.gpu,memory.used', '--format=csv,noheader,nounits'],
        { timeout: 2000 },
      );
      this.gpu = true;
      return parseNvidiaSmi(stdout);
    } catch {
      this.gpu = false;
      return {};
    }
  }
}

/** Parse `nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader,nounits` (one line per GPU). */
export function parseNvidiaSmi(stdout: string): SystemSample {
  const out: SystemSample = {};
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .forEach((line, i) => {
      const [util, mem] = line.split(',').map((s) => Number(s.trim()));
      if (Number.isFinite(util)) out[`system/gpu${i}_util_percent`] = util as number;
      if (Number.isFinite(mem)) out[`system/gpu${i}_memory_mb`] = mem as number;
    });
  return out;
}

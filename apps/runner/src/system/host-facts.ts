// What a run ran on, collected once when the runner starts (MLflow's and W&B's system tags do the
// same): host, OS, CPU and GPU models, and the code version (git commit, or DISTILLERY_GIT_COMMIT
// where the deployment has no .git).
import { execFile } from 'node:child_process';
import { arch, cpus, hostname, platform, release, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Facts about the runner's machine and code, recorded on every run it executes. */
export interface HostFacts {
  hostname: string;
  os: string;
  cpu: { model: string; cores: number };
  memoryGb: number;
  /** NVIDIA GPUs `nvidia-smi` reports (none where no driver answers). */
  gpus: { name: string; driver: string; memoryMb: number }[];
  git: { commit: string | null; dirty: boolean | null };
}

async function gitFacts(override: string | undefined): Promise<HostFacts['git']> {
  if (override) return { commit: override, dirty: null };
  const cwd = dirname(fileURLToPath(import.meta.url));
  try {
    const { stdout: commit } = await run('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 });
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      timeout: 5000,
    });
    return { commit: commit.trim(), dirty: status.trim().length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Parse `nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader,nounits`. */
export function parseGpuList(stdout: string): HostFacts['gpus'] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = '', driver = '', memory = ''] = line.split(',').map((s) => s.trim());
      return { name, driver, memoryMb: Number(memory) || 0 };
    });
}

async function gpuFacts(): Promise<HostFacts['gpus']> {
  try {
    const { stdout } = await run(
      'nvidia-smi',
      ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader,nounits'],
      { timeout: 5000 },
    );
    return parseGpuList(stdout);
  } catch {
    return [];
  }
}

/** Collect the host facts (a few hundred ms: git and nvidia-smi run once). */
export async function collectHostFacts(gitCommit?: string): Promise<HostFacts> {
  const [git, gpus] = await Promise.all([gitFacts(gitCommit), gpuFacts()]);
  const cpu = cpus();
  return {
    hostname: hostname(),
    os: `${platform()} ${release()} ${arch()}`,
    cpu: { model: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length },
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    gpus,
    git,
  };
}

// CLI test support (`@distillery/cli/testing`): run the CLI in this process with captured output and a
// private config dir, or as the real `distillery` bin in a child process (exit codes, no stack traces,
// `npx distillery`); plus the tables tests check the CLI's output against. The API these tests talk to
// comes from @distillery/testing, started by tests under test/cli (packages never import apps).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';

import type { CliIo } from './io.ts';
import { runCli } from './program.ts';

/** The repository root (where `npx distillery` must work). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** What one CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh HOME and XDG_CONFIG_HOME, so `login` writes nowhere else. */
export function tempEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'distillery-cli-'));
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), ...extra };
}

/** Run the CLI in this process. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; stdin?: string; onErr?: (soFar: string) => void } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (t) => void (stdout += t),
    err: (t) => {
      stderr += t;
      options.onErr?.(stderr);
    },
    env,
    cwd: options.cwd ?? (env.HOME as string),
    isTTY: false,
    progressStream: new PassThrough(),
    readStdin: async () => options.stdin ?? '',
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Run the real bin (`npx distillery …` from the repository root). */
export function cliProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; viaNpx?: boolean } = {},
): Promise<CliResult> {
  const [cmd, argv] = options.viaNpx
    ? ['npx', ['--no-install', 'distillery', ...args]]
    : [join(REPO_ROOT, 'node_modules', '.bin', 'distillery'), args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Parse a command's JSON output, failing with the output when it is not JSON. */
export function json<T = unknown>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

export { EXIT } from './exit-codes.ts';
export { parseCsvObjects } from './csv.ts';
export { STUDENT_COLUMNS, TEACHER_COLUMNS } from './registries.ts';
export { extractBlocks, readReadme, stepSeconds, stepsScript } from './readme.ts';

// The API as its own process, as in production: for tests whose subject is another process (the
// runner) and for benches whose client load must not share the API's event loop. The caller names
// the entry file (apps may point at apps/api/src/main.ts; this package does not know apps).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { freePort } from '@distillery/db/embedded';

import { gql } from './graphql.ts';

/** A running API process. */
export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resident memory of the process, in MiB (Linux /proc). */
  rssMb(): number;
  /** SIGTERM, then wait for the exit (at most 10 s). */
  stop(): Promise<void>;
}

/** Options of startApiProcess. */
export interface ApiProcessOptions {
  /** Extra environment (e.g. NODE_ENV, API_DB_POOL). */
  env?: Record<string, string>;
  cwd?: string;
  /** Longest wait for the first answer (default 60 s). */
  readyTimeoutMs?: number;
}

/** Start `node --import tsx <entry>` on a free port of 127.0.0.1; resolves once it answers GraphQL. */
export async function startApiProcess(
  entry: string,
  databaseUrl: string,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // Ready means answering, not a log line: the log format is the API's business.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${out}`);
    const ok = await gql(url, '{ __typename }').then(
      (r) => r.data?.__typename === 'Query',
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`api did not answer within ${options.readyTimeoutMs ?? 60_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    rssMb: () => rssKb(child.pid!) / 1024,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    },
  };
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

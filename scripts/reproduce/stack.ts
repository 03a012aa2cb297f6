// The product the reproduction talks to: an API already running (DISTILLERY_API_URL), or the API and
// a runner started here on the product database (`npm start`'s: DATABASE_URL, else the embedded one),
// migrated and seeded, so the runs land in the seeded demo project the dashboard shows.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readDbEnv } from '@distillery/db/cli/env';
import { openProductDatabase } from '@distillery/db/cli/open-database';
import { isPortTaken } from '@distillery/db/embedded';
import { DEMO_USER } from '@distillery/db/seed';

import { type Child, spawnChild, stopChildren, waitForHttp } from '../start/children.ts';
import { prepareDatabase } from '../start/prepare.ts';

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running API (and maybe our own runner and database) plus how to stop what we started. */
export interface Stack {
  apiUrl: string;
  email: string;
  password: string;
  description: string;
  stop(): Promise<void>;
}

/** Options of `openStack`. */
export interface StackOptions {
  /** Use this API instead of starting one (its runners do the work). */
  apiUrl?: string | undefined;
  apiPort: number;
  /** Jobs our runner runs at once (one per core is right for the CPU backend). */
  concurrency: number;
  log: (line: string) => void;
  /** Where our children's output goes (default: dropped). */
  childLog?: (line: string) => void;
}

/** Start (or reach) the product; throws one line when the database or port is unusable. */
export async function openStack(o: StackOptions): Promise<Stack> {
  if (o.apiUrl) {
    await waitForHttp(`${o.apiUrl}?query=%7B__typename%7D`, 10_000, () => true);
    return {
      apiUrl: o.apiUrl,
      email: DEMO_USER.email,
      password: DEMO_USER.password,
      description: `the API at ${o.apiUrl}`,
      stop: async () => undefined,
    };
  }
  if (await isPortTaken(o.apiPort))
    throw new Error(
      `port ${o.apiPort} is taken; set REPRODUCE_API_PORT, or point DISTILLERY_API_URL at the running API`,
    );
  const db = await openProductDatabase(readDbEnv(ROOT), () => undefined);
  const children: Child[] = [];
  const stop = async () => {
    await stopChildren(children);
    await db.stop().catch(() => undefined);
  };
  try {
    await prepareDatabase(db.ownerUrl);
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      API_PORT: String(o.apiPort),
      RUNNER_CONCURRENCY: String(o.concurrency),
      RUNNER_ID: `reproduce-${process.pid}`,
    };
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const sink = o.childLog ?? (() => undefined);
    children.push(spawnChild('api', tsx, ['apps/api/src/main.ts'], env, ROOT, sink));
    const runnerEnv = { RUNNER_GPU_ALLOW_CPU: 'true', ...env };
    children.push(spawnChild('runner', tsx, ['apps/runner/src/main.ts'], runnerEnv, ROOT, sink));
    const apiUrl = `http://127.0.0.1:${o.apiPort}/graphql`;
    const alive = () => children.every((c) => c.proc.exitCode === null && c.proc.signalCode === null);
    await waitForHttp(`${apiUrl}?query=%7B__typename%7D`, 120_000, alive);
    o.log(
      `database: ${db.description}; API on port ${o.apiPort}; runner with ${o.concurrency} concurrent jobs`,
    );
    return {
      apiUrl,
      email: DEMO_USER.email,
      password: DEMO_USER.password,
      description: db.description,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

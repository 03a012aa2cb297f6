// The runner's registration on the workers page: registered when it starts, a beat every `heartbeatMs`,
// stopped on a graceful stop. A runner that dies just stops beating, and the page shows it stale, then
// lost, by the age of its last beat (the reaper takes its runs back the same way, from the runs' beats).
import {
  beatRunner,
  registerRunner,
  stopRunnerRegistration,
  type RunnerFacts,
} from '@distillery/db/lifecycle';
import type { PrismaClient } from '@distillery/db';
import type { BackendReport } from '@distillery/ml';

import type { EngineChoice } from '../threads/protocol.ts';
import type { HostFacts } from './host-facts.ts';

/** What a runner registers: its id, host facts, engine choice, probed backend, queues and concurrency. */
export function runnerFactsOf(o: {
  runnerId: string;
  host: HostFacts;
  engine: EngineChoice;
  backend: BackendReport | undefined;
  queues: readonly string[];
  concurrency: number;
  heartbeatMs: number;
}): RunnerFacts {
  return {
    id: o.runnerId,
    host: o.host.hostname,
    pid: process.pid,
    version: o.host.git.commit,
    engine: o.engine.engine,
    nativeCpu: o.engine.engine === 'tfjs' ? null : o.engine.nativeCpu,
    // What the probe initialised when the runner ran one (main.ts does), else the choice it will ask for.
    backend: o.backend ? `${o.backend.name} (${o.backend.provider})` : o.engine.backend,
    usesGpu: o.backend?.usesGpu ?? false,
    cpuModel: o.host.cpu.model,
    cpuCores: o.host.cpu.cores,
    gpus: o.host.gpus,
    queues: [...o.queues],
    concurrency: o.concurrency,
    heartbeatMs: o.heartbeatMs,
    tokenId: null,
    projectId: null,
  };
}

/** A registration kept alive; `stop` ends the beat and marks the row stopped. */
export interface Presence {
  stop(): Promise<void>;
}

/** Register `facts` and beat every `facts.heartbeatMs` (re-registering if the row went missing). */
export async function announcePresence(
  prisma: PrismaClient,
  facts: RunnerFacts,
  warn: (e: unknown, message: string) => void,
): Promise<Presence> {
  await registerRunner(prisma, facts);
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beatRunner(prisma, facts.id)
      .then((found) => (found ? true : registerRunner(prisma, facts)))
      // An outage only ages the beat; the page shows the runner stale until the database answers again.
      .catch((e: unknown) => warn(e, 'runner heartbeat failed; trying again next interval'));
  }, facts.heartbeatMs);
  return {
    async stop() {
      clearInterval(timer);
      await beating;
      await stopRunnerRegistration(prisma, facts.id).catch((e: unknown) =>
        warn(e, 'could not mark the runner stopped; it will show as lost'),
      );
    },
  };
}

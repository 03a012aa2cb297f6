import type { PidFiles } from './pid-files.ts';

/** Anything the supervisor can keep running: a guarded process, or the embedded database. */
export interface Service {
  pid: number;
  /** See Guarded.marker. */
  marker?: string;
  /** Resolves with the exit code when the service ends for any reason. */
  exited: Promise<number>;
  stop(): Promise<unknown>;
}

/** Restart delays: `initialMs` doubling up to `maxMs`; a run longer than `resetAfterMs` resets them. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000 };

interface Entry {
  name: string;
  start: () => Promise<Service>;
  current: Service | null;
  failures: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Keeps services running: one that exits while the supervisor is not stopping is started again after
 * a backoff delay, and the supervisor says so. Only `stopAll` (Ctrl-C / SIGTERM) stops them.
 */
export class Supervisor {
  private readonly entries: Entry[] = [];
  private stopping = false;

  constructor(
    private readonly say: (line: string) => void,
    private readonly pidFiles: PidFiles | null = null,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  /** Start `name` now (a failure to start is thrown) and keep it running. */
  async add<S extends Service>(name: string, start: () => Promise<S>): Promise<S> {
    const entry: Entry = { name, start, current: null, failures: 0, timer: null };
    this.entries.push(entry);
    const service = await start();
    this.watch(entry, service);
    return service;
  }

  /** True once stopAll was called. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /** Stop every service, the last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const entry of [...this.entries].reverse()) {
      if (entry.timer) clearTimeout(entry.timer);
      await entry.current?.stop();
      this.pidFiles?.remove(entry.name);
    }
  }

  private watch(entry: Entry, service: Service): void {
    entry.current = service;
    this.pidFiles?.write(entry.name, service.pid, service.marker);
    const startedAt = Date.now();
    void service.exited.then((code) => {
      if (this.stopping || entry.current !== service) return;
      entry.current = null;
      if (Date.now() - startedAt >= this.backoff.resetAfterMs) entry.failures = 0;
      const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** entry.failures);
      entry.failures += 1;
      this.say(
        `${entry.name} exited (code ${code}); restarting in ${(delay / 1000).toFixed(0)} s (restart ${entry.failures})`,
      );
      entry.timer = setTimeout(() => void this.restart(entry), delay);
    });
  }

  private async restart(entry: Entry): Promise<void> {
    entry.timer = null;
    if (this.stopping) return;
    try {
      const service = await entry.start();
      if (this.stopping) {
        await service.stop();
        return;
      }
      this.say(`${entry.name} restarted (pid ${service.pid})`);
      this.watch(entry, service);
    } catch (e) {
      const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** entry.failures);
      entry.failures += 1;
      this.say(
        `${entry.name} failed to start: ${(e as Error).message}; retrying in ${(delay / 1000).toFixed(0)} s`,
      );
      entry.timer = setTimeout(() => void this.restart(entry), delay);
    }
  }
}

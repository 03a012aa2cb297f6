// Test hosts in Linux network namespaces (`ip netns` + veth) for drills whose subject is a network:
// one "server" namespace linked to the test's own namespace and to each "runner" namespace by a
// point-to-point veth pair. The addresses exist only on those links, no namespace has a default
// route, and the server namespace does not forward, so nothing reaches beyond the machine (or even
// from one runner host to another).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** The namespaces of a drill and the addresses each side uses to reach the server host. */
export interface Topology {
  server: string;
  runners: string[];
  /** The server host's address as the test (root namespace) reaches it. */
  serverFromTest: string;
  /** The server host's address as runner host i reaches it. */
  serverFromRunner: string[];
  /** Delete every namespace (the veth pairs go with them). */
  destroy(): void;
}

function ip(...args: string[]): void {
  const res = spawnSync('ip', args, { encoding: 'utf8' });
  if (res.status !== 0)
    throw new Error(`ip ${args.join(' ')}: ${(res.stderr || res.error?.message || '').trim()}`);
}

/** Null when this process may make network namespaces here, else why not (for a skipped test). */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'making network namespaces needs root';
  const probe = `dprobe${process.pid}`;
  const res = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (res.error) return `ip (iproute2) is not installed: ${res.error.message}`;
  if (res.status !== 0) return `ip netns add failed: ${res.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

/** Make the server namespace and `runnerCount` runner namespaces, linked as described above. */
export function createTopology(runnerCount: number): Topology {
  const tag = `d${process.pid % 100000}`;
  // 10.<block>.0.0/16 for this process only, so two drills at once do not share an address.
  const block = 100 + (process.pid % 150);
  const server = `${tag}srv`;
  const runners = Array.from({ length: runnerCount }, (_, i) => `${tag}r${i + 1}`);
  const made: string[] = [];
  const destroy = () => {
    for (const ns of made.splice(0)) spawnSync('ip', ['netns', 'del', ns]);
  };
  try {
    for (const ns of [server, ...runners]) {
      ip('netns', 'add', ns);
      made.push(ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
    const link = (aNs: string | null, a: string, aAddr: string, bNs: string, b: string, bAddr: string) => {
      ip('link', 'add', a, 'type', 'veth', 'peer', 'name', b);
      ip('link', 'set', b, 'netns', bNs);
      if (aNs) ip('link', 'set', a, 'netns', aNs);
      const inA = aNs ? ['-n', aNs] : [];
      ip(...inA, 'addr', 'add', aAddr, 'dev', a);
      ip(...inA, 'link', 'set', a, 'up');
      ip('-n', bNs, 'addr', 'add', bAddr, 'dev', b);
      ip('-n', bNs, 'link', 'set', b, 'up');
    };
    link(null, `${tag}t`, `10.${block}.0.1/30`, server, `${tag}s0`, `10.${block}.0.2/30`);
    runners.forEach((ns, i) =>
      link(
        server,
        `${tag}s${i + 1}`,
        `10.${block}.${i + 1}.1/30`,
        ns,
        `${tag}h${i + 1}`,
        `10.${block}.${i + 1}.2/30`,
      ),
    );
  } catch (e) {
    destroy();
    throw e;
  }
  return {
    server,
    runners,
    serverFromTest: `10.${block}.0.2`,
    serverFromRunner: runners.map((_, i) => `10.${block}.${i + 1}.1`),
    destroy,
  };
}

/** A process started inside namespace `ns` (`ip netns exec` execs it: the pid is the program's own). */
export interface NsProcess {
  child: ChildProcess;
  output(): string;
  /**
   * Resolves when the output from offset `from` on matches `re` (rejects, with the output, when the
   * process exits first or after `timeoutMs`).
   */
  waitFor(re: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it is gone. */
  stop(): Promise<void>;
}

/** Run `node --import tsx <file> ...args` inside `ns` with `env` added to this process's. */
export function spawnNodeIn(
  ns: string,
  file: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): NsProcess {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', file, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => out,
    waitFor(re, timeoutMs = 90_000, from = 0) {
      return new Promise((resolve, reject) => {
        const done = (f: () => void) => {
          listeners.delete(check);
          clearTimeout(timer);
          child.off('exit', onExit);
          f();
        };
        const check = () => {
          const m = re.exec(out.slice(from));
          if (m) done(() => resolve(m[0]));
        };
        const onExit = () => done(() => reject(new Error(`${file} in ${ns} exited before ${re}:\n${out}`)));
        const timer = setTimeout(
          () =>
            done(() => reject(new Error(`no ${re} from ${file} in ${ns} within ${timeoutMs} ms:\n${out}`))),
          timeoutMs,
        );
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop() {
      if (gone()) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

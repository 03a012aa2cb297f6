import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { killGroup } from './spawn-guarded.ts';

/** What a supervisor records about each process it started, so a later start can clean up after it. */
export interface PidRecord {
  name: string;
  pid: number;
  /** The command line as the kernel reports it; a live pid with another command line was reused. */
  cmdline: string;
  /** DISTILLERY_GUARD_ID in the environment of everything the guard started. */
  marker?: string;
}

/** The command line of a live process, or null when there is none. */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    try {
      // No /proc (macOS): ask ps.
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  }
}

/** Pid files in one folder (`<data dir>/run`): one JSON file per supervised process. */
export class PidFiles {
  constructor(readonly dir: string) {}

  /** Record `pid` under `name`. */
  write(name: string, pid: number, marker?: string): void {
    mkdirSync(this.dir, { recursive: true });
    const record: PidRecord = { name, pid, cmdline: commandLine(pid) ?? '', ...(marker ? { marker } : {}) };
    writeFileSync(join(this.dir, `${name}.pid`), `${JSON.stringify(record)}\n`);
  }

  /** Forget `name`. */
  remove(name: string): void {
    rmSync(join(this.dir, `${name}.pid`), { force: true });
  }

  /** Every record, unreadable files skipped. */
  list(): PidRecord[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((f) => f.endsWith('.pid'));
    } catch {
      return [];
    }
    return names.flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as PidRecord];
      } catch {
        return [];
      }
    });
  }

  /** The record of `name` when its process still runs the same command, else null. */
  live(name: string): PidRecord | null {
    const rec = this.list().find((r) => r.name === name);
    return rec && isSameProcess(rec) ? rec : null;
  }

  /**
   * Stop what a killed supervisor left running (each record is a guard leading its own process group)
   * and drop every record. Returns the names that were still running.
   */
  async reapLeftovers(except: string[] = []): Promise<string[]> {
    const reaped: string[] = [];
    for (const rec of this.list()) {
      if (except.includes(rec.name)) continue;
      // The guard itself, or — when the guard was SIGKILLed too — what it ran, orphaned in its group.
      if (isSameProcess(rec) || groupRuns(rec)) {
        reaped.push(rec.name);
        await stopGroup(rec.pid);
      }
      this.remove(rec.name);
    }
    return reaped;
  }
}

function isSameProcess(rec: PidRecord): boolean {
  const now = commandLine(rec.pid);
  return now !== null && now === rec.cmdline;
}

/**
 * True when process group `rec.pid` still has a member carrying the guard's marker in its environment
 * (processes may rewrite their command line; `next start` does). A group id is not reused while the
 * group exists, and the marker covers a group that died and whose id came back as an unrelated one.
 */
function groupRuns(rec: PidRecord): boolean {
  if (!rec.marker || !existsSync('/proc')) return false;
  const needle = `DISTILLERY_GUARD_ID=${rec.marker}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the command name (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp === rec.pid && readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(needle))
        return true;
    } catch {
      // gone
    }
  }
  return false;
}

/** SIGTERM a process group, SIGKILL it after `graceMs`, resolve once it is empty. */
export async function stopGroup(pgid: number, graceMs = 10_000): Promise<void> {
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (killGroup(pgid, 0)) {
    if (Date.now() > deadline) {
      killGroup(pgid, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 200));
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

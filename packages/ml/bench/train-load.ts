// Machine load around a bench child process: the 1-minute load average and the cores OTHER processes
// used meanwhile (machine busy time from procfs minus the child's own CPU time).
import type { SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ on Linux

function machineBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return (f.reduce((a, b) => a + b, 0) - idle) / TICK;
}

/** CPU seconds of this process's waited-for children (cutime + cstime). */
function childSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / TICK;
}

/** The 1-minute load average (what `uptime` prints first). */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}

/** Run a child synchronously and say how busy the rest of the machine was meanwhile. */
export function measureChild<T extends SpawnSyncReturns<string>>(
  run: () => T,
): { result: T; otherCores: number; load: number } {
  const busy0 = machineBusySeconds();
  const child0 = childSeconds();
  const t0 = performance.now();
  const result = run();
  const wall = (performance.now() - t0) / 1000;
  const other = (machineBusySeconds() - busy0 - (childSeconds() - child0)) / wall;
  return { result, otherCores: Math.round(Math.max(0, other) * 100) / 100, load: loadAverage() };
}

export { spawnGuarded, killGroup, type Guarded, type GuardedSpec } from './spawn-guarded.ts';
export { PidFiles, commandLine, stopGroup, type PidRecord } from './pid-files.ts';
export { Supervisor, type Backoff, type Service } from './supervisor.ts';

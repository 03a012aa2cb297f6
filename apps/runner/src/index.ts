export { readEnv, runnerEnvSchema, type RunnerEnv } from './env.ts';
export { startRunner, type RunnerOptions, type RunningRunner } from './runner.ts';

// Where scripts and the CLI find the API and the token: flags, then DISTILLERY_API_URL /
// DISTILLERY_TOKEN, then the config file `login` wrote ($XDG_CONFIG_HOME/distillery/config.json,
// mode 600 because it holds a secret).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';

/** The default API endpoint of `npm start`. */
export const DEFAULT_API_URL = 'http://localhost:4000/graphql';

/** What the config file holds. */
export interface StoredConfig {
  url?: string;
  token?: string;
  /** Default project (id or slug) for commands that need one. */
  project?: string;
  email?: string;
}

/** The config file path: $XDG_CONFIG_HOME/distillery/config.json, else ~/.config/distillery/config.json. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'distillery', 'config.json');
}

/** Read the config file ({} when absent); a malformed file is a CONFIG error naming it. */
export function readConfig(path = configPath()): StoredConfig {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as StoredConfig;
  } catch (e) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${path}: not valid JSON (${(e as Error).message}); fix or delete it`,
    );
  }
}

/** Write the config file with mode 600 (its folder 700). */
export function writeConfig(config: StoredConfig, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of an existing file; enforce 600 either way.
  chmodSync(path, 0o600);
}

/** Resolve url/token/project from explicit values, the environment, then the config file. */
export function resolveConnection(
  explicit: { url?: string | undefined; token?: string | undefined; project?: string | undefined } = {},
  env: NodeJS.ProcessEnv = process.env,
): { url: string; token: string | undefined; project: string | undefined } {
  const stored = readConfig(configPath(env));
  // An empty variable counts as unset, as in every env module (`X=` in a shell, `X: ${X:-}` in compose).
  const set = (v: string | undefined) => (v?.trim() ? v : undefined);
  return {
    url: explicit.url ?? set(env.DISTILLERY_API_URL) ?? stored.url ?? DEFAULT_API_URL,
    token: explicit.token ?? set(env.DISTILLERY_TOKEN) ?? stored.token,
    project: explicit.project ?? set(env.DISTILLERY_PROJECT) ?? stored.project,
  };
}

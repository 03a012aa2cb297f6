// The deployment files in infra/ parse, carry the fields their tools require, and start programs
// that exist in this repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const INFRA = join(ROOT, 'infra');

type Doc = Record<string, unknown> & {
  kind?: string;
  apiVersion?: string;
  metadata?: { name?: string; labels?: Record<string, string> };
};
interface Container {
  name: string;
  image: string;
  command?: string[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

const workspaces = new Map<string, Record<string, string>>(
  ['apps', 'packages'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((d) => existsSync(join(ROOT, dir, d, 'package.json')))
      .map((d) => {
        const pkg = JSON.parse(readFileSync(join(ROOT, dir, d, 'package.json'), 'utf8')) as {
          name: string;
          scripts?: Record<string, string>;
        };
        return [pkg.name, pkg.scripts ?? {}] as const;
      }),
  ),
);

/** A command is runnable when it runs a TypeScript file of the repo or an npm script of a workspace. */
function expectRunnable(command: string[] | undefined, where: string): void {
  expect(command, `${where}: command`).toBeDefined();
  const [bin, ...args] = command!;
  if (bin === 'npx' && args[0] === 'tsx') {
    expect(existsSync(join(ROOT, args[1]!)), `${where}: ${args[1]} exists`).toBe(true);
  } else if (bin === 'npm' && args[0] === 'run') {
    const ws = args[args.indexOf('--workspace') + 1]!;
    expect(workspaces.get(ws)?.[args[1]!], `${where}: workspace ${ws} has script ${args[1]}`).toBeDefined();
  } else {
    throw new Error(`${where}: unexpected command ${command!.join(' ')}`);
  }
}

function readK8s(): Doc[] {
  const dir = join(INFRA, 'k8s');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => {
        expect(d.errors, f).toEqual([]);
        return d.toJS() as Doc;
      }),
    );
}

function podContainers(doc: Doc): Container[] {
  const spec = doc.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

describe('infra/compose.yaml', () => {
  const compose = parse(readFileSync(join(INFRA, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      {
        image?: string;
        build?: { context: string; dockerfile: string };
        command?: string[];
        environment?: Record<string, string>;
        deploy?: { replicas?: number };
      }
    >;
  };

  it('runs PostgreSQL, migrations, the API, the dashboard and several runners on one database', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'runner', 'web']);
    expect(compose.services.runner?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    for (const name of ['migrate', 'api', 'runner']) {
      expect(compose.services[name]?.environment?.DATABASE_URL, name).toMatch(/@postgres:5432\//);
    }
  });

  it('builds from a Dockerfile that exists and starts programs that exist', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (name === 'postgres') continue;
      expect(existsSync(join(INFRA, svc.build!.context, svc.build!.dockerfile)), name).toBe(true);
      expectRunnable(svc.command, `compose ${name}`);
    }
  });
});

describe('infra/docker/Dockerfile', () => {
  it('copies paths that exist and defaults to the runner', () => {
    const text = readFileSync(join(INFRA, 'docker', 'Dockerfile'), 'utf8');
    const copies = [...text.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(copies.length).toBeGreaterThan(3);
    for (const src of copies) if (!src.endsWith('*')) expect(existsSync(join(ROOT, src)), src).toBe(true);
    const cmd = /^CMD (\[.+\])$/m.exec(text)?.[1];
    expectRunnable(JSON.parse(cmd!) as string[], 'Dockerfile CMD');
  });
});

describe('infra/k8s', () => {
  const docs = readK8s();

  it('lists every manifest in the kustomization and gives each a kind, apiVersion and name', () => {
    const kustomization = parse(readFileSync(join(INFRA, 'k8s', 'kustomization.yaml'), 'utf8')) as {
      resources: string[];
    };
    const files = readdirSync(join(INFRA, 'k8s')).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const d of docs) {
      expect(d.apiVersion, JSON.stringify(d.metadata)).toBeTruthy();
      expect(d.kind).toBeTruthy();
      expect(d.metadata?.name).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('has API, web, and GPU runner Deployments whose containers start programs of the repo', () => {
    const deployments = docs.filter((d) => d.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata?.name).sort()).toEqual([
      'distillery-api',
      'distillery-runner-cpu',
      'distillery-runner-gpu',
      'distillery-web',
    ]);
    for (const d of [...deployments, ...docs.filter((x) => x.kind === 'Job')]) {
      const spec = d.spec as {
        selector?: { matchLabels: Record<string, string> };
        template: { metadata: { labels: Record<string, string> } };
      };
      if (d.kind === 'Deployment') {
        for (const [k, v] of Object.entries(spec.selector!.matchLabels))
          expect(spec.template.metadata.labels[k], `${d.metadata?.name} selector`).toBe(v);
      }
      for (const c of podContainers(d)) {
        expect(c.image).toBe('distillery');
        expectRunnable(c.command, `${d.metadata?.name}/${c.name}`);
      }
    }
  });

  it('requests one GPU per GPU runner and wires config and secrets that are defined', () => {
    const gpu = docs.find((d) => d.metadata?.name === 'distillery-runner-gpu')!;
    const [runner] = podContainers(gpu);
    expect(runner?.resources?.requests?.['nvidia.com/gpu']).toBe(1);
    expect(runner?.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    expect(runner?.command).toContain('gpu');
    const defined = new Set(
      docs.filter((d) => d.kind === 'ConfigMap' || d.kind === 'Secret').map((d) => d.metadata?.name),
    );
    const secret = docs.find((d) => d.kind === 'Secret') as { stringData: Record<string, string> };
    expect(Object.keys(secret.stringData)).toContain('DATABASE_URL');
    for (const d of docs) {
      for (const c of podContainers(d)) {
        for (const ref of c.envFrom ?? [])
          expect(defined.has((ref.configMapRef ?? ref.secretRef)!.name), `${c.name} envFrom`).toBe(true);
      }
    }
  });

  it('points every Service at pods that some Deployment labels', () => {
    const podLabels = docs
      .filter((d) => d.kind === 'Deployment')
      .map(
        (d) =>
          (d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels,
      );
    for (const svc of docs.filter((d) => d.kind === 'Service')) {
      const selector = (svc.spec as { selector: Record<string, string> }).selector;
      expect(
        podLabels.some((l) => Object.entries(selector).every(([k, v]) => l[k] === v)),
        svc.metadata?.name,
      ).toBe(true);
    }
  });
});

describe('infra/slurm/runner-array.sbatch', () => {
  const file = join(INFRA, 'slurm', 'runner-array.sbatch');
  const text = readFileSync(file, 'utf8');
  const directives = new Map([...text.matchAll(/^#SBATCH --([a-z-]+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));

  it('is an array job with one GPU per task and a TERM signal before the time limit', () => {
    expect(directives.get('array')).toMatch(/^\d+-\d+$/);
    expect(directives.get('gres')).toBe('gpu:1');
    expect(directives.get('signal')).toMatch(/TERM@\d+/);
    expect(directives.get('time')).toBeDefined();
  });

  it('is valid bash that starts the runner of this repository on the gpu queue', () => {
    execFileSync('bash', ['-n', file]);
    const line = text.split('\n').find((l) => l.startsWith('npx tsx'))!;
    const command = line.replace(/&$/, '').trim().split(/\s+/);
    expectRunnable(command, 'sbatch');
    expect(command.join(' ')).toContain('--queues gpu');
  });
});

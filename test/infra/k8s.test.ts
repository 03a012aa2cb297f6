// infra/k8s against the Kubernetes schemas (kubernetes-models) and against what the product needs:
// probes on the health endpoints the apps serve, resources, a non-root restricted securityContext,
// an Ingress whose API path the API answers (WebSocket included), a migrate Job that is created anew
// each release, no Secret applied from the repository, and config keys the apps actually read.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { ConfigMap, Namespace, Service } from 'kubernetes-models/v1';

import { apiEnvSchema, GRAPHQL_PATHS } from '@distillery/api';
import { dbEnvSchema } from '@distillery/db/cli/env';
import { runnerEnvSchema } from '@distillery/runner';

import { webEnvSchema } from '../../apps/web/src/env.ts';
import { expectRunnable, INFRA, readK8s, type K8sDoc } from './infra-files.ts';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
};

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; valueFrom?: { configMapKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string }[];
}

const files = readK8s();
const docs = files.map((f) => f.doc);
const pods = docs.filter((d) => d.kind === 'Deployment' || d.kind === 'Job');
const podSpec = (d: K8sDoc) => (d.spec as { template: { spec: PodSpec } }).template.spec;
const named = (kind: string, name: string) =>
  docs.find((d) => d.kind === kind && d.metadata.name === name) as K8sDoc & { spec: never; data: never };
const label = (d: K8sDoc) => d.metadata.name ?? d.metadata.generateName;
const dockerfileUid = /^USER (\d+):(\d+)$/m.exec(readFileSync(join(INFRA, 'docker', 'Dockerfile'), 'utf8'));
const kustomization = parse(readFileSync(join(INFRA, 'k8s', 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  images: { name: string }[];
};

/** The health paths each image's processes serve (apps/api health-routes, runner main, web /healthz). */
const HEALTH_PATHS: Record<string, string[]> = {
  'node --import tsx apps/api/src/main.ts': ['/healthz', '/readyz'],
  'node --import tsx apps/runner/src/main.ts': ['/healthz', '/readyz'],
  web: ['/healthz'],
};

describe('infra/k8s manifests', () => {
  it('validate against the Kubernetes schemas, before and after kustomize', () => {
    const check = (d: K8sDoc, where: string) => {
      const Model = MODELS[`${d.apiVersion}/${d.kind}`];
      expect(Model, `${where}: ${d.apiVersion} ${d.kind} has a model here`).toBeDefined();
      expect(() => new Model!(d as never).validate(), where).not.toThrow();
    };
    for (const { file, doc } of files) check(doc, `${file} ${label(doc)}`);
    // kubectl's own kustomize, when the machine has it: the objects it would apply validate too.
    const kubectl = spawnSync('kubectl', ['kustomize', join(INFRA, 'k8s')], { encoding: 'utf8' });
    if (kubectl.error) return;
    expect(kubectl.status, kubectl.stderr).toBe(0);
    const built = parseAllDocuments(kubectl.stdout).map((d) => d.toJS() as K8sDoc);
    expect(built.length).toBe(kustomization.resources.length + 2); // api.yaml and web.yaml hold a Service each
    for (const d of built) check(d, `kustomize ${d.kind} ${label(d)}`);
    expect(
      built.filter((d) => d.kind !== 'Namespace').every((d) => d.metadata.namespace === 'distillery'),
    ).toBe(true);
  });

  it('apply no Secret from the repository and create the migrate Job anew for every release', () => {
    expect(docs.filter((d) => d.kind === 'Secret')).toEqual([]);
    const applied = files.filter((f) => f.file !== 'migrate-job.yaml').map((f) => f.file);
    expect([...kustomization.resources].sort()).toEqual([...new Set(applied)].sort());
    const job = files.find((f) => f.file === 'migrate-job.yaml')!.doc;
    expect(job.kind).toBe('Job');
    expect(job.metadata.name).toBeUndefined();
    expect(job.metadata.generateName).toBe('distillery-migrate-');
    expectRunnable(podSpec(job).containers[0]!.command, 'migrate Job');
    const script = join(INFRA, 'k8s', 'migrate.sh');
    execFileSync('bash', ['-n', script]);
    const text = readFileSync(script, 'utf8');
    expect(text).toMatch(/kubectl set image --local -f "\$here\/migrate-job\.yaml" "migrate=\$image"/);
    expect(text).toMatch(/kubectl create -n "\$ns" -f - -o name/);
    // The example the Secret is created from documents every key the pods take from it.
    const example = readFileSync(join(INFRA, 'k8s', 'secrets.example.env'), 'utf8');
    expect(example).toMatch(/^DATABASE_URL=/m);
    expect(example).toMatch(/--from-env-file=infra\/k8s\/secrets\.env/);
    expect(readFileSync(join(INFRA, '..', '.gitignore'), 'utf8')).toMatch(/^infra\/k8s\/secrets\.env$/m);
  });

  it('run every pod as the image user, non-root, read-only, without privileges', () => {
    expect(dockerfileUid, 'Dockerfile USER uid:gid').not.toBeNull();
    for (const d of pods) {
      const spec = podSpec(d);
      expect(spec.securityContext, label(d)).toMatchObject({
        runAsNonRoot: true,
        runAsUser: Number(dockerfileUid![1]),
        runAsGroup: Number(dockerfileUid![2]),
        seccompProfile: { type: 'RuntimeDefault' },
      });
      const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
      for (const c of spec.containers) {
        expect(c.securityContext, `${label(d)}/${c.name}`).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        // A read-only root needs a writable /tmp (tsx's cache, Node's temp files).
        expect(
          c.volumeMounts?.map((m) => m.mountPath),
          `${label(d)}/${c.name}`,
        ).toContain('/tmp');
        for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), m.name).toBe(true);
      }
    }
  });

  it('give every container resources and every long-running one liveness and readiness or startup probes', () => {
    for (const d of pods) {
      for (const c of podSpec(d).containers) {
        const where = `${label(d)}/${c.name}`;
        expect(c.resources?.requests?.cpu, where).toBeDefined();
        expect(c.resources?.requests?.memory, where).toBeDefined();
        expect(c.resources?.limits?.memory, where).toBeDefined();
        if (d.kind === 'Job') continue;
        const served = HEALTH_PATHS[c.command?.slice(0, 4).join(' ') ?? 'web']!;
        expect(served, `${where}: a known process`).toBeDefined();
        expect(c.livenessProbe?.httpGet, where).toBeDefined();
        expect(c.readinessProbe ?? c.startupProbe, where).toBeDefined();
        const portNames = new Set((c.ports ?? []).map((p) => p.name));
        for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
          if (!probe) continue;
          expect(served, `${where} probes ${probe.httpGet!.path}`).toContain(probe.httpGet!.path);
          expect(portNames.has(String(probe.httpGet!.port)), `${where} probe port`).toBe(true);
        }
      }
    }
  });

  it('start programs of the repository from images the kustomization tags', () => {
    const tagged = new Set(kustomization.images.map((i) => i.name));
    for (const d of docs.filter((x) => x.kind === 'Deployment')) {
      for (const c of podSpec(d).containers) {
        expect(tagged.has(c.image), `${label(d)}: image ${c.image}`).toBe(true);
        if (c.image === 'distillery-web') expect(c.command).toBeUndefined();
        else expectRunnable(c.command, `${label(d)}/${c.name}`);
      }
    }
  });

  it('route the API path of one host to the API (WebSocket upgrades included) and the rest to the dashboard', () => {
    const ingress = named('Ingress', 'distillery') as unknown as {
      spec: {
        rules: {
          host: string;
          http: { paths: { path: string; backend: { service: { name: string; port: { name: string } } } }[] };
        }[];
      };
    };
    const [rule] = ingress.spec.rules;
    const to = (path: string) => rule!.http.paths.find((p) => p.path === path)?.backend.service;
    const apiPath = rule!.http.paths.find((p) => p.backend.service.name === 'distillery-api')!.path;
    expect(GRAPHQL_PATHS).toContain(apiPath);
    expect(apiPath).not.toBe('/graphql'); // the dashboard's own cookie proxy lives there
    expect(to('/artifacts')?.name).toBe('distillery-api');
    expect(to('/')?.name).toBe('distillery-web');
    for (const p of rule!.http.paths) {
      const svc = named('Service', p.backend.service.name) as unknown as {
        spec: { ports: { name: string }[] };
      };
      expect(svc, p.backend.service.name).toBeDefined();
      expect(svc.spec.ports.map((x) => x.name)).toContain(p.backend.service.port.name);
    }
    const config = (named('ConfigMap', 'distillery-config') as unknown as { data: Record<string, string> })
      .data;
    expect(config.NEXT_PUBLIC_API_URL).toBe(`https://${rule!.host}${apiPath}`);
    expect(new URL(config.DISTILLERY_WEB_URL!).host).toBe(rule!.host);
  });

  it('configure only variables some app reads, from config and secrets that exist', () => {
    const known = new Set([
      ...Object.keys(apiEnvSchema.shape),
      ...Object.keys(runnerEnvSchema.shape),
      ...Object.keys(dbEnvSchema.shape),
      ...Object.keys(webEnvSchema.shape),
      'NEXT_TELEMETRY_DISABLED',
    ]);
    const config = named('ConfigMap', 'distillery-config') as unknown as { data: Record<string, string> };
    for (const key of Object.keys(config.data)) expect(known.has(key), `ConfigMap key ${key}`).toBe(true);
    const example = readFileSync(join(INFRA, 'k8s', 'secrets.example.env'), 'utf8');
    for (const [, key] of example.matchAll(/^([A-Z0-9_]+)=/gm))
      expect(known.has(key!), `secret ${key}`).toBe(true);
    expect(known.has('AUDIT_SIGNING_KEY')).toBe(true);
    for (const d of pods) {
      for (const c of podSpec(d).containers) {
        for (const ref of c.envFrom ?? []) {
          if (ref.configMapRef) expect(ref.configMapRef.name).toBe('distillery-config');
          if (ref.secretRef) expect(ref.secretRef.name).toBe('distillery-secrets');
        }
        for (const e of c.env ?? []) {
          expect(known.has(e.name) || e.name === 'HOME', `${label(d)} env ${e.name}`).toBe(true);
          const key = e.valueFrom?.configMapKeyRef?.key;
          if (key) expect(config.data[key], `${label(d)} configMapKeyRef ${key}`).toBeDefined();
        }
      }
    }
  });

  it('ask one GPU per GPU runner, from the GPU image, with the GPU backend forced', () => {
    const gpu = named('Deployment', 'distillery-runner-gpu');
    const [runner] = podSpec(gpu).containers;
    expect(runner!.resources?.requests?.['nvidia.com/gpu']).toBe(1);
    expect(runner!.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    expect(runner!.image).toBe('distillery-gpu');
    expect(runner!.env?.find((e) => e.name === 'ML_BACKEND')).toMatchObject({ value: 'tensorflow-gpu' });
    expect(existsSync(join(INFRA, 'docker', 'Dockerfile'))).toBe(true);
    expect(readFileSync(join(INFRA, 'docker', 'Dockerfile'), 'utf8')).toMatch(/^FROM .+ AS gpu$/m);
  });
});

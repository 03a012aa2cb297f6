// Reading the deployment files in infra/ for the tests beside this file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** infra/ of the repository. */
export const INFRA = join(ROOT, 'infra');

/** One Kubernetes object as parsed from YAML. */
export type K8sDoc = Record<string, unknown> & {
  kind: string;
  apiVersion: string;
  metadata: { name?: string; generateName?: string; namespace?: string; labels?: Record<string, string> };
};

/** Every object of every `*.yaml` in infra/k8s except the kustomization, with its file name. */
export function readK8s(): { file: string; doc: K8sDoc }[] {
  const dir = join(INFRA, 'k8s');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => {
        expect(d.errors, file).toEqual([]);
        return { file, doc: d.toJS() as K8sDoc };
      }),
    );
}

/**
 * A container command is runnable when it is `node --import tsx <file>` for a TypeScript file of the
 * repository (tsx is a production dependency of the API and runner, so the image has it).
 */
export function expectRunnable(command: readonly string[] | undefined, where: string): void {
  expect(command, `${where}: command`).toBeDefined();
  const [bin, flag, loader, file] = command!;
  expect([bin, flag, loader], `${where}: ${command!.join(' ')}`).toEqual(['node', '--import', 'tsx']);
  expect(existsSync(join(ROOT, file!)), `${where}: ${file} exists`).toBe(true);
}

// Where FOLDER datasets may live. The API refuses a Dataset.sourceUri outside the configured roots
// at registration (a lexical check: the API need not see the files), and every runner resolves the
// folder again against its own roots with symlinks followed before it reads a byte, so no account
// can make a runner read an arbitrary directory of its host.
import { realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, normalize, resolve, sep } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';

/**
 * The roots named by `DISTILLERY_DATASET_ROOTS` (absolute folders separated by `:`), else the
 * defaults: `<DISTILLERY_DATA_DIR>/datasets` and the CLI's `$XDG_DATA_HOME/distillery/datasets`.
 */
export function datasetRootsFrom(env: {
  DISTILLERY_DATASET_ROOTS?: string | undefined;
  DISTILLERY_DATA_DIR?: string | undefined;
  XDG_DATA_HOME?: string | undefined;
  HOME?: string | undefined;
}): string[] {
  if (env.DISTILLERY_DATASET_ROOTS)
    return env.DISTILLERY_DATASET_ROOTS.split(delimiter)
      .filter(Boolean)
      .map((r) => resolve(r));
  const xdg = env.XDG_DATA_HOME || join(env.HOME || '/nonexistent', '.local', 'share');
  return [
    resolve(env.DISTILLERY_DATA_DIR ?? '.data', 'datasets'),
    join(resolve(xdg), 'distillery', 'datasets'),
  ];
}

const inside = (root: string, path: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * The absolute folder a sourceUri names when it lies inside one of `roots` (relative URIs are taken
 * under the first root), else null. `..` segments, NUL and backslashes are refused outright rather
 * than normalised away, so what is stored is what was checked.
 */
export function folderInRoots(roots: readonly string[], sourceUri: string): string | null {
  if (/[\0\\]/.test(sourceUri) || sourceUri.split('/').includes('..') || roots.length === 0) return null;
  const path = normalize(isAbsolute(sourceUri) ? sourceUri : join(roots[0]!, sourceUri));
  const clean = path.length > 1 && path.endsWith(sep) ? path.slice(0, -1) : path;
  return roots.some((r) => inside(r, clean)) ? clean : null;
}

/**
 * The real folder a runner may read for a dataset: inside one of its roots after following symlinks
 * (of the folder and of the roots). Refusals are FORBIDDEN and never name server paths.
 */
export function resolveDatasetFolder(
  roots: readonly string[],
  sourceUri: string,
  datasetName: string,
): string {
  const refuse = (why: string) =>
    new AppError(AppErrorCode.FORBIDDEN, `dataset ${datasetName}: ${why} (see DISTILLERY_DATASET_ROOTS)`);
  const folder = folderInRoots(roots, sourceUri);
  if (!folder) throw refuse("its folder is not under this runner's dataset roots");
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    throw refuse("its folder does not exist under this runner's dataset roots");
  }
  const realRoots = roots.flatMap((r) => {
    try {
      return [realpathSync(r)];
    } catch {
      return [];
    }
  });
  if (!realRoots.some((r) => inside(r, real)))
    throw refuse("its folder leads outside this runner's dataset roots");
  return real;
}

/** An error message with `folder` (a server path) replaced by the dataset's name. */
export function withoutServerPath(message: string, folder: string, datasetName: string): string {
  return message.split(folder).join(`<${datasetName}>`);
}

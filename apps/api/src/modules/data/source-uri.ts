import { folderInRoots } from '@distillery/db/dataset-roots';
import { badInput } from '@distillery/errors';

/**
 * The sourceUri to store: FOLDER datasets must name a folder inside the configured dataset roots
 * (stored as its normalised absolute path); other sources load from their package and take none.
 * The refusal names the input, never the server's roots.
 */
export function checkSourceUri(
  roots: readonly string[],
  source: string,
  sourceUri: string | null | undefined,
): string | null {
  if (source !== 'FOLDER') {
    if (sourceUri) throw badInput('input.sourceUri', sourceUri, `only FOLDER datasets take a sourceUri`);
    return null;
  }
  if (!sourceUri) return null;
  const folder = folderInRoots(roots, sourceUri);
  if (!folder)
    throw badInput(
      'input.sourceUri',
      sourceUri,
      roots.length
        ? 'must be a folder inside the dataset roots this deployment configured (DISTILLERY_DATASET_ROOTS), without ".."'
        : 'this deployment configured no dataset roots (DISTILLERY_DATASET_ROOTS), so folder datasets are off',
    );
  return folder;
}

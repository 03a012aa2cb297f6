import { idxPresetOf } from '@distillery/artifacts/idx';
import { getDatasetPreset } from '@distillery/domain';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { loadImageFolder } from './image-folder.ts';
import { loadIdxDataset } from './mnist.ts';
import type { Dataset } from './types.ts';

/**
 * Load a preset of @distillery/domain's table: MNIST and Fashion-MNIST from their packages (or from
 * `folder` if given), the others from a user-supplied `train|val|test/<class>/<file>` folder (none of
 * them can be had offline here).
 */
export async function loadDataset(
  key: string,
  options: { folder?: string; verify?: boolean } = {},
): Promise<Dataset> {
  const p = getDatasetPreset(key);
  const idx = idxPresetOf(key);
  let ds: Dataset;
  if (options.folder) ds = await loadImageFolder(options.folder, { name: key, shape: p.shape });
  else if (idx) ds = loadIdxDataset(idx, { verify: options.verify });
  else {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${key}: no offline copy exists; export it as image files in <folder>/{train,val,test}/<class>/ and pass folder`,
      { field: 'folder', value: options.folder },
    );
  }
  if (ds.classNames.length !== p.classNames.length) {
    throw badInput(
      'folder',
      options.folder,
      `${key} needs ${p.classNames.length} classes, the folder has ${ds.classNames.length}`,
    );
  }
  return ds;
}

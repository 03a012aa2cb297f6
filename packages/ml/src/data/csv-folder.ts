// A flat folder of images plus a CSV naming each one's class: `path,label[,group][,role]` (a header
// row with those names; role is train, val or test, default train). Class order is the sorted set of
// labels unless given; a row naming an unknown class, a missing file or a path leaving the folder is
// refused naming its row.
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

import { badInput } from '@distillery/errors';
import { parse } from 'csv-parse/sync';

import { decodeSamples, type ImageSample } from './image-folder.ts';
import type { Dataset, ImageShape } from './types.ts';

/** Options of `loadCsvFolder`. */
export interface CsvFolderOptions {
  name: string;
  shape: ImageShape;
  /** The class order; default: the labels, sorted numerically-aware. */
  classNames?: string[];
  /** At most this many rows (a hostile CSV costs no more). */
  maxRows?: number;
}

const ROLES = ['train', 'val', 'test'] as const;

/** Read `root` + the CSV text into a Dataset whose ids are `<name>/<role>/<class>/<group>/<path>`. */
export async function loadCsvFolder(root: string, csv: string, o: CsvFolderOptions): Promise<Dataset> {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      to: (o.maxRows ?? 2_000_000) + 1,
    });
  } catch (e) {
    throw badInput('csv', null, `is not a CSV with a header row (${(e as Error).message})`);
  }
  if (rows.length > (o.maxRows ?? 2_000_000)) throw badInput('csv', rows.length, 'has too many rows');
  if (rows.length === 0 || !('path' in rows[0]!) || !('label' in rows[0]!))
    throw badInput('csv', null, 'needs a header row with path,label[,group][,role] and at least one row');
  const labels = [...new Set(rows.map((r) => r.label!))];
  const classNames = o.classNames ?? labels.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const byRole = { train: [], val: [], test: [] } as Record<
    (typeof ROLES)[number],
    { path: string; label: number; id: string }[]
  >;
  rows.forEach((r, i) => {
    const at = `csv row ${i + 2}`;
    const path = normalize(r.path ?? '');
    if (!path || path.startsWith('..') || path.startsWith(sep) || path.includes('\0'))
      throw badInput(`${at} path`, r.path, 'must be a file inside the folder');
    const label = classNames.indexOf(r.label ?? '');
    if (label < 0) throw badInput(`${at} label`, r.label, `is not a class (${classNames.join(', ')})`);
    const role = (r.role || 'train') as (typeof ROLES)[number];
    if (!ROLES.includes(role)) throw badInput(`${at} role`, r.role, 'must be train, val or test');
    if (!existsSync(join(root, path))) throw badInput(`${at} path`, r.path, 'no such file in the folder');
    const group = r.group ? `${r.group.replace(/\//g, '_')}` : '-';
    byRole[role].push({
      path: join(root, path),
      label,
      id: `${o.name}/${role}/${classNames[label]}/${group}/${path}`,
    });
  });
  const load = (samples: ImageSample[]) => decodeSamples(samples, o.shape);
  if (byRole.train.length === 0) throw badInput('csv', null, 'names no train row');
  return {
    name: o.name,
    shape: o.shape,
    classNames,
    train: await load(byRole.train),
    ...(byRole.val.length ? { val: await load(byRole.val) } : {}),
    test: await load(byRole.test),
  };
}

/** The group pattern of CSV sample ids (the group column; `-` is none). */
export const CSV_GROUP_PATTERN = '^[^/]+/[^/]+/[^/]+/(?!-/)([^/]+)/';

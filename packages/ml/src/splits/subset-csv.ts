import { checkFraction } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Dataset } from '../data/types.ts';
import type { Subset } from './subset.ts';

/**
 * The original's fraction token: p with the dot removed (0.7 → "07", 1.0 → "10", 0.05 → "005").
 * p = 1 is written "10" (as the original wrote 1.0), never "1".
 */
export function fractionToken(p: number): string {
  checkFraction(p, 'p');
  const s = Number.isInteger(p) ? p.toFixed(1) : String(p);
  return s.replace('.', '');
}

/**
 * Inverse of `fractionToken`: one integer digit, the rest are decimals ("07" → 0.7, "005" → 0.05,
 * "10" and the original's integer "1" → 1). The original's `token / 10` decoding is not used.
 */
export function parseFractionToken(token: string): number {
  if (!/^[01]\d*$/.test(token))
    throw badInput('fileName', token, 'fraction token must be digits starting with 0 or 1');
  const p = Number(token.length === 1 ? token : `${token[0]}.${token.slice(1)}`);
  checkFraction(p, 'fileName');
  return p;
}

/** `subset_<token>_<uuid hex>.csv`, the original's file name. */
export function subsetFileName(p: number, uuid = randomUUID().replace(/-/g, '')): string {
  return `subset_${fractionToken(p)}_${uuid}.csv`;
}

/** Parse p and uuid from a subset file name. */
export function parseSubsetFileName(fileName: string): { p: number; uuid: string } {
  const base = fileName.split('/').pop() ?? fileName;
  const m = /^subset_(\d+)_([0-9a-f]{32})\.csv$/.exec(base);
  if (!m) throw badInput('fileName', fileName, 'must look like subset_<p digits>_<32 hex uuid>.csv');
  return { p: parseFractionToken(m[1]!), uuid: m[2]! };
}

/**
 * Write a subset in the original CSV format: header `filename,class`, rows
 * `<dataset>/train/<class>/<file>,<class>_class`. The file name carries p; callers store p explicitly too.
 */
export function writeSubsetCsv(
  subset: Subset,
  dataset: Dataset,
  uuid?: string,
): { fileName: string; csv: string; p: number } {
  const rows: string[][] = [['filename', 'class']];
  for (const i of subset.members) {
    const id = dataset.train.ids[i];
    if (id === undefined)
      throw badInput(
        'subset.members',
        i,
        `is not a sample of ${dataset.name} train (${dataset.train.count} samples)`,
      );
    rows.push([id, `${dataset.classNames[dataset.train.labels[i]!]}_class`]);
  }
  const csv = stringify(rows, { record_delimiter: 'unix' });
  return { fileName: subsetFileName(subset.p, uuid), csv, p: subset.p };
}

/**
 * Read a subset CSV against a dataset: every row must name a training sample of THIS dataset
 * (last four path components `<dataset>/train/<class>/<file>`, as the original's loader rebuilds
 * them) whose class matches the `class` column. p comes from `p` if given, else from the file name.
 */
export function readSubsetCsv(
  csv: string,
  dataset: Dataset,
  options: { fileName?: string; p?: number; seed?: number; method?: Subset['method'] } = {},
): Subset {
  const p = options.p ?? (options.fileName ? parseSubsetFileName(options.fileName).p : undefined);
  if (p === undefined) throw badInput('p', p, 'give p or the subset file name');
  checkFraction(p, 'p');
  let records: string[][];
  try {
    records = parse(csv, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw badInput('csv', csv.slice(0, 80), `is not valid CSV: ${(e as Error).message}`);
  }
  const header = records[0]?.map((h) => h.trim()).join(',');
  if (header !== 'filename,class') throw badInput('csv', header, 'header must be "filename,class"');
  const byId = new Map(dataset.train.ids.map((id, i) => [id, i]));
  const members: number[] = [];
  records.slice(1).forEach(([file = '', cls = ''], k) => {
    const parts = file.split('/');
    const id = parts.slice(-4).join('/');
    if (parts.length >= 4 && parts[parts.length - 4] !== dataset.name) {
      throw badInput(
        `csv row ${k + 2} filename`,
        file,
        `belongs to dataset ${parts[parts.length - 4]}, not ${dataset.name}`,
      );
    }
    const i = byId.get(id);
    if (i === undefined)
      throw badInput(`csv row ${k + 2} filename`, file, `is not a training sample of ${dataset.name}`);
    const expected = `${dataset.classNames[dataset.train.labels[i]!]}_class`;
    if (cls !== expected) throw badInput(`csv row ${k + 2} class`, cls, `must be ${expected} for ${file}`);
    members.push(i);
  });
  return {
    p,
    method: options.method ?? 'BERNOULLI',
    seed: options.seed ?? -1,
    members: Uint32Array.from(members).sort(),
  };
}

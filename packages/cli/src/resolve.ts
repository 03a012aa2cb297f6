// Arguments that name things: ids, or names/slugs a person can type.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { DatasetsDocument, type DatasetsQuery } from '@distillery/client';
import { isUuid } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { CliContext } from './context.ts';

// The CLI's commands import it from here with the other name helpers.
export { isUuid };

/** A dataset of the project by id or name. */
export async function findDataset(
  ctx: CliContext,
  idOrName: string,
): Promise<DatasetsQuery['datasets'][number]> {
  const { datasets } = await ctx.client().request(DatasetsDocument, { projectId: await ctx.projectId() });
  const found = datasets.find((d) => d.id === idOrName || d.name === idOrName);
  if (!found)
    throw new AppError(
      AppErrorCode.NOT_FOUND,
      `no dataset "${idOrName}" in the project (have: ${datasets.map((d) => d.name).join(', ') || 'none'})`,
    );
  return found;
}

/** Split a comma list (`1,2,3`) into numbers; USAGE error naming the option otherwise. */
export function numberList(option: string, s: string): number[] {
  const xs = s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map(Number);
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x)))
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `${option}: expected comma-separated numbers, got "${s}"`,
    );
  return xs;
}

/** Integer ranges: `1-5` or `1,2,3`. */
export function intList(option: string, s: string): number[] {
  const range = /^(-?\d+)-(-?\d+)$/.exec(s.trim());
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 10_000)
      throw new AppError(AppErrorCode.BAD_USER_INPUT, `${option}: bad range "${s}"`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const xs = numberList(option, s);
  if (xs.some((x) => !Number.isInteger(x)))
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `${option}: expected integers, got "${s}"`);
  return xs;
}

/** Parse a number option. */
export function num(option: string, s: string): number {
  const x = Number(s);
  if (s.trim() === '' || !Number.isFinite(x))
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `${option}: expected a number, got "${s}"`);
  return x;
}

/** Collect repeatable / space-separated ids. */
export function idList(values: string[] | string | undefined): string[] {
  const list = (Array.isArray(values) ? values : values ? [values] : [])
    .flatMap((v) => v.split(/[\s,]+/))
    .filter(Boolean);
  return list;
}

/** Read a text file named relative to the working directory; USAGE error naming it otherwise. */
export function readTextFile(cwd: string, file: string): { path: string; text: string } {
  const path = resolve(cwd, file);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `cannot read ${file}: ${(e as Error).message}`);
  }
}

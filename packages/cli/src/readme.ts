// The README's runnable parts: fenced blocks between `<!-- NAME:begin -->` and `<!-- NAME:end -->`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The code blocks of language `lang` between the markers of `name`, in order. */
export function extractBlocks(markdown: string, name: string, lang: string): string[] {
  const begin = markdown.indexOf(`<!-- ${name}:begin -->`);
  const end = markdown.indexOf(`<!-- ${name}:end -->`);
  if (begin < 0 || end < begin)
    throw new Error(`README has no <!-- ${name}:begin --> … <!-- ${name}:end --> section`);
  const section = markdown.slice(begin, end);
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (let m = fence.exec(section); m; m = fence.exec(section)) blocks.push(m[1]!);
  return blocks;
}

/** The README of the repository at `root`. */
export function readReadme(root: string): string {
  return readFileSync(join(root, 'README.md'), 'utf8');
}

/** One bash script running the blocks in order; `::step N <unix time>` on stderr marks where each starts. */
export function stepsScript(blocks: readonly string[]): string {
  return [
    'set -eo pipefail',
    ...blocks.flatMap((b, i) => [`echo "::step ${i + 1} $(date +%s)" >&2`, b]),
    'echo "::done $(date +%s)" >&2',
    '',
  ].join('\n');
}

/** Seconds each step took, from the markers of `stepsScript`. */
export function stepSeconds(stderr: string): Record<string, number> {
  const marks = [...stderr.matchAll(/::(step \d+|done) (\d+)/g)].map((m) => ({
    name: m[1]!,
    at: Number(m[2]),
  }));
  return Object.fromEntries(marks.slice(0, -1).map((m, i) => [m.name, marks[i + 1]!.at - m.at]));
}

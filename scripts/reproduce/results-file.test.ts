import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { demote, readSections, writeSection } from './results-file.ts';

describe('results file sections', () => {
  it('demotes headings outside code fences only', () => {
    expect(demote('# A\n## B\n```sh\n# comment\n```\ntext #x')).toBe(
      '## A\n### B\n```sh\n# comment\n```\ntext #x',
    );
  });

  it('replaces one configuration’s section and keeps the others, converged first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'results-')), 'results.md');
    writeSection(file, 'full', '## Short budget\n\nold numbers');
    let text = readFileSync(file, 'utf8');
    // With the published short-budget section present, the converged one is announced as not run yet.
    expect([...readSections(text).keys()]).toEqual(['converged', 'full']);
    expect(readSections(text).get('converged')).toContain('Not run yet');
    writeSection(file, 'converged', '## Converged\n\nnew numbers');
    writeSection(file, 'converged', '## Converged\n\nnewer numbers');
    text = readFileSync(file, 'utf8');
    expect(readSections(text)).toEqual(
      new Map([
        ['converged', '## Converged\n\nnewer numbers'],
        ['full', '## Short budget\n\nold numbers'],
      ]),
    );
    expect(text.indexOf('# Reproducing')).toBe(0);
  });

  it('writes a lone configuration without placeholders (CI output directories)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'results-')), 'results.md');
    writeSection(file, 'tiny', '## Tiny');
    expect([...readSections(readFileSync(file, 'utf8')).keys()]).toEqual(['tiny']);
  });
});

// The order Vitest starts test files in: longest first, so the slow end-to-end files do not start last
// and run alone at the end (in a clean clone Vitest has no timings and starts the largest files first,
// which put the 140 s MNIST file last: ~300 s of a 950 s run on one or two busy workers).
// Durations come from Vitest's own cache when it has them (this machine's last run), else from
// scripts/testing/test-durations.json (`npm run test:durations` after a full run). Files failed last time, then
// files with no timing at all, go first, as Vitest's BaseSequencer does.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** File → seconds of its last full run, relative to the repository root (written by record-test-durations). */
export const DURATIONS_FILE = new URL('./test-durations.json', import.meta.url);

/** The recorded durations, or none when the file is missing or unreadable (the order is then Vitest's). */
function recorded(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(DURATIONS_FILE, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Longest-first sequencer over Vitest's cache and the committed durations. */
export class LongestFirstSequencer extends BaseSequencer {
  /** Failed first, then unknown, then by duration, longest first; ties by path for a stable order. */
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const durations = recorded();
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification) => {
      const path = relative(root, spec.moduleId);
      const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`);
      const seconds = cached ? cached.duration / 1000 : durations[path];
      return { path, failed: cached?.failed ?? false, seconds };
    };
    const ranked = files.map((spec) => ({ spec, ...rank(spec) }));
    ranked.sort(
      (a, b) =>
        Number(b.failed) - Number(a.failed) ||
        Number(a.seconds !== undefined) - Number(b.seconds !== undefined) ||
        (b.seconds ?? 0) - (a.seconds ?? 0) ||
        a.path.localeCompare(b.path),
    );
    return ranked.map((r) => r.spec);
  }
}

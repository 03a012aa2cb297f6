// `npm run test:durations`: write each test file's wall time from the last full `npm test`
// (.data/vitest-report.json) to scripts/testing/test-durations.json, which orders the next runs (order-test-files).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';

import { DURATIONS_FILE } from './order-test-files.ts';

interface Report {
  testResults: { name: string; startTime: number; endTime: number }[];
}

/** The file's path in this checkout: the longest tail of its path that exists here (the report may come
 * from another checkout of the repository, such as a worktree). */
function inThisCheckout(file: string): string | undefined {
  const parts = file.split(sep);
  for (let i = 1; i < parts.length; i++) {
    const tail = parts.slice(i).join('/');
    if (existsSync(join(process.cwd(), tail))) return tail;
  }
  return undefined;
}

const report = JSON.parse(readFileSync('.data/vitest-report.json', 'utf8')) as Report;
const durations = Object.fromEntries(
  report.testResults
    .map((f) => [inThisCheckout(f.name), Math.round((f.endTime - f.startTime) / 100) / 10] as const)
    .filter((row): row is readonly [string, number] => row[0] !== undefined)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
);
writeFileSync(DURATIONS_FILE, `${JSON.stringify(durations, null, 2)}\n`);
console.log(`${Object.keys(durations).length} files → ${DURATIONS_FILE.pathname}`);

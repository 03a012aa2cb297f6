// The CLI's plan parser as a reference for tests/test_plan.py: reads a JSON array of plan texts on stdin,
// prints one {input} or {issues} per text, exactly as `distillery experiment launch --dry-run` sees them.
import { readFileSync } from 'node:fs';

import { parsePlan, planToInput } from '../../../packages/cli/src/plan.ts';

const texts = JSON.parse(readFileSync(0, 'utf8')) as string[];
const out = texts.map((text) => {
  const r = parsePlan(text);
  return r.plan ? { input: planToInput(r.plan) } : { issues: r.issues };
});
process.stdout.write(`${JSON.stringify(out)}\n`);

// `npm test` builds the dashboard once before Vitest starts, so no suite's setup spends its timeout on
// `next build` while other suites load the machine (each suite still calls ensureWebBuild, a no-op then).
import { ensureWebBuild } from './web-build.ts';

await ensureWebBuild((s) => process.stderr.write(`${s}\n`));

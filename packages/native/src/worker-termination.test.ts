import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNative } from './load-addon.ts';

// The runner stops a fenced or cancelled job by terminating its worker thread, often while the thread is
// inside a native step. Node then refuses to run JavaScript in that thread, so an error the addon raises
// cannot be thrown into it; before NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS that aborted the whole process
// ("terminate called after throwing an instance of 'Napi::Error'"). The driver runs in its own process so
// an abort shows up as its exit status, not as a dead test runner.
const native = loadNative();
const driver = fileURLToPath(new URL('./testing/terminate-driver.ts', import.meta.url));

describe.skipIf(!native.ok)('a worker thread terminated inside native steps', () => {
  it('ends the thread and leaves the process running', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', driver, '4'], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(res.stderr).not.toContain('terminate called');
    expect(res.signal).toBeNull();
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe('survived');
  }, 300_000);
});

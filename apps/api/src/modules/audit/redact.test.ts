import { describe, expect, it } from 'vitest';

import { redactArgs } from './redact.ts';

describe('audit arguments', () => {
  it('redacts secrets, keeps ids, and summarises long values', () => {
    const out = redactArgs({
      password: 'p',
      input: {
        secret: 's',
        tokenId: 't1',
        name: 'x'.repeat(300),
        list: Array.from({ length: 60 }, (_, i) => i),
      },
    }) as Record<string, Record<string, unknown>>;
    expect(out.password).toBe('[REDACTED]');
    expect(out.input!.secret).toBe('[REDACTED]');
    expect(out.input!.tokenId).toBe('t1');
    expect(String(out.input!.name)).toMatch(/…\(300 chars\)$/);
    expect((out.input!.list as unknown[]).at(-1)).toBe('…(60 items)');
  });
});

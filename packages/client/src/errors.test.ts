import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';

import { toAppError } from './errors.ts';

describe('toAppError', () => {
  it('reads a graphql-ws errors array as the API error it carries', () => {
    const e = toAppError([{ message: 'run r: not found', extensions: { code: 'NOT_FOUND', field: 'id' } }]);
    expect([e.code, e.message, e.field]).toEqual([AppErrorCode.NOT_FOUND, 'run r: not found', 'id']);
  });

  it('reads a socket close event as NETWORK with its code and reason', () => {
    const e = toAppError({ code: 4403, reason: 'Forbidden', wasClean: true });
    expect([e.code, e.message]).toEqual([AppErrorCode.NETWORK, 'connection closed (code 4403: Forbidden)']);
  });

  it('never says [object Object]', () => {
    expect(toAppError({ weird: true }).message).toBe('{"weird":true}');
    expect(toAppError(new Error('boom'))).toMatchObject({ code: AppErrorCode.INTERNAL, message: 'boom' });
  });
});

import { describe, expect, it } from 'vitest';

import { ApiError, toApiError } from '../../lib/graphql/errors.ts';
import { errorFor, numberList } from './form-helpers.ts';

describe('launch form helpers', () => {
  it('parses number lists and names the bad item', () => {
    const fractions = numberList((n) => (n > 0 && n <= 1 ? null : 'must be in (0, 1]'));
    expect(fractions('0.6, 0.8 1')).toEqual([0.6, 0.8, 1]);
    expect(() => fractions('0.6, 1.5')).toThrow('1.5: must be in (0, 1]');
    expect(() => fractions('x')).toThrow('"x" is not a number');
  });

  it('places API errors at their field, including list items', () => {
    const err = toApiError([
      {
        message: 'input.fractions.1: must be ≤ 1 (got 1.5)',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.fractions.1' },
      },
      { message: 'not allowed', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(err).toBeInstanceOf(ApiError);
    const fields = err.fieldErrors();
    expect(errorFor(fields, 'fractions')).toMatch(/must be ≤ 1/);
    expect(errorFor(fields, 'alphas')).toBeUndefined();
    expect(err.formErrors()).toEqual(['not allowed']);
    expect(err.code).toBe('BAD_USER_INPUT');
  });
});

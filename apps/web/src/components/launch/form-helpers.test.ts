import { describe, expect, it } from 'vitest';

import { apiErrorFrom, AppError, AppErrorCode, fieldErrors, formErrors } from '@distillery/client';

import { errorFor, numberList, unplacedErrors } from './form-helpers.ts';

describe('launch form helpers', () => {
  it('parses number lists and names the bad item', () => {
    const fractions = numberList((n) => (n > 0 && n <= 1 ? null : 'must be in (0, 1]'));
    expect(fractions('0.6, 0.8 1')).toEqual([0.6, 0.8, 1]);
    expect(() => fractions('0.6, 1.5')).toThrow('1.5: must be in (0, 1]');
    expect(() => fractions('x')).toThrow('"x" is not a number');
  });

  it('places API errors at their field, including list items', () => {
    const err = apiErrorFrom([
      {
        message: 'input.fractions.1: must be ≤ 1 (got 1.5)',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.fractions.1' },
      },
      { message: 'not allowed', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(err).toBeInstanceOf(AppError);
    const fields = fieldErrors(err);
    expect(errorFor(fields, 'fractions')).toMatch(/must be ≤ 1/);
    expect(errorFor(fields, 'alphas')).toBeUndefined();
    expect(formErrors(err)).toEqual(['not allowed']);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(unplacedErrors(err, ['fractions', 'alphas'])).toEqual(['FORBIDDEN: not allowed']);
  });

  it('shows a transport failure above the form with its code', () => {
    const down = new AppError(AppErrorCode.NETWORK, 'cannot reach /graphql');
    expect(fieldErrors(down)).toEqual({});
    expect(unplacedErrors(down, ['fractions'])).toEqual(['NETWORK: cannot reach /graphql']);
  });
});

import { describe, expect, it } from 'vitest';

import { apiErrorFrom, AppError, AppErrorCode } from '@distillery/client';

import { numberList } from '../launch/form-helpers.ts';
import { apiFieldErrors, errorFor, unplacedErrors } from './api-errors.ts';

describe('form errors', () => {
  it('parses number lists and names the bad item', () => {
    const fractions = numberList((n) => (n > 0 && n <= 1 ? null : 'must be in (0, 1]'));
    expect(fractions('0.6, 0.8 1')).toEqual([0.6, 0.8, 1]);
    expect(() => fractions('0.6, 1.5')).toThrow('1.5: must be in (0, 1]');
    expect(() => fractions('x')).toThrow('"x" is not a number');
  });

  it('places API errors at their field, including list items, each with its code', () => {
    const err = apiErrorFrom([
      {
        message: 'input.fractions.1: must be ≤ 1 (got 1.5)',
        extensions: { code: 'BAD_USER_INPUT', field: 'input.fractions.1' },
      },
      { message: 'not allowed', extensions: { code: 'FORBIDDEN' } },
    ]);
    expect(err).toBeInstanceOf(AppError);
    const fields = apiFieldErrors(err);
    expect(errorFor(fields, 'fractions')).toEqual({
      message: 'input.fractions.1: must be ≤ 1 (got 1.5)',
      code: 'BAD_USER_INPUT',
    });
    expect(errorFor(fields, 'alphas')).toBeUndefined();
    // `fraction` is not `fractions`: a field takes its own items only.
    expect(errorFor(fields, 'fraction')).toBeUndefined();
    expect(unplacedErrors(err, ['fractions', 'alphas'])).toEqual([
      { message: 'not allowed', code: 'FORBIDDEN' },
    ]);
    expect(unplacedErrors(err, [])).toHaveLength(2);
  });

  it('shows a transport failure above the form with its code', () => {
    const down = new AppError(AppErrorCode.NETWORK, 'cannot reach /graphql');
    expect(apiFieldErrors(down)).toEqual({});
    expect(unplacedErrors(down, ['fractions'])).toEqual([
      { message: 'cannot reach /graphql', code: 'NETWORK' },
    ]);
  });
});

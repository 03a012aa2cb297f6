import { describe, expect, it } from 'vitest';

import { checkPassword, MIN_PASSWORD_LENGTH } from './password-policy.ts';

describe('password policy', () => {
  it('refuses short, common and email-derived passwords and accepts a passphrase', () => {
    expect(checkPassword('short')?.problem).toBe('TOO_SHORT');
    expect(checkPassword('x'.repeat(MIN_PASSWORD_LENGTH - 1))?.problem).toBe('TOO_SHORT');
    // On the breach list (and long enough to pass the length check).
    expect(checkPassword('password1234')?.problem).toBe('COMMON');
    expect(checkPassword('PASSWORD1234')?.problem).toBe('COMMON');
    expect(checkPassword('qwertyuiop123')?.problem).toBe('COMMON');
    expect(checkPassword('ada.lovelace-2026!', { email: 'ada.lovelace@lab.example' })?.problem).toBe(
      'CONTAINS_EMAIL',
    );
    expect(checkPassword('y'.repeat(300))?.problem).toBe('TOO_LONG');
    expect(checkPassword('violet kettle orbit 42')).toBeNull();
    // Length counts characters, not UTF-16 units.
    expect(checkPassword('🔑'.repeat(MIN_PASSWORD_LENGTH - 1))?.problem).toBe('TOO_SHORT');
  });
});

// The one password policy (NIST SP 800-63B §5.1.1.2, OWASP ASVS 2.1): a minimum length, a maximum
// that bounds hashing work, and no password from a list of common or breached ones. Composition rules
// (digits, symbols) are deliberately absent; both documents advise against them.
import { createRequire } from 'node:module';

/** fxa-common-password-list's whole API (it ships no types). */
interface CommonList {
  test(password: string): boolean;
}
let common: CommonList | undefined;
// Decoding the list takes ~0.1 s, so only processes that check a password pay for it.
const commonPasswords = (): CommonList =>
  (common ??= createRequire(import.meta.url)('fxa-common-password-list') as CommonList);

/** Shortest password accepted (ASVS 2.1.1). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (ASVS 2.1.2 asks for at least 64; the cap bounds scrypt's input). */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a password is refused (machine-readable, carried as the error's details.reason). */
export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_EMAIL';

/** A refused password: the reason and a sentence for the person choosing it. */
export interface PasswordVerdict {
  problem: PasswordProblem;
  message: string;
}

/**
 * Check a new password. The common list is Mozilla's fxa-common-password-list (the 50,000 most
 * frequent passwords of 8+ characters in OWASP SecLists' "10 million passwords" breach compilation),
 * shipped inside the npm package, so the check runs offline. Returns null when the password is fine.
 */
export function checkPassword(password: string, account: { email?: string } = {}): PasswordVerdict | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return {
      problem: 'TOO_SHORT',
      message: `use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}); a few unrelated words make a good one`,
    };
  if (length > MAX_PASSWORD_LENGTH)
    return { problem: 'TOO_LONG', message: `use at most ${MAX_PASSWORD_LENGTH} characters` };
  if (commonPasswords().test(password) || commonPasswords().test(password.toLowerCase()))
    return {
      problem: 'COMMON',
      message: 'this password is on a list of common or breached passwords; choose another',
    };
  const local = account.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local))
    return { problem: 'CONTAINS_EMAIL', message: 'the password must not contain your email name' };
  return null;
}

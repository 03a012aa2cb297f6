import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

import pLimit from 'p-limit';

/** scrypt cost parameters: N = 2^logN, block size r, parallelism p. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** OWASP's scrypt recommendation (Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1 (128 MiB). */
export const PASSWORD_PARAMS: ScryptParams = { logN: 17, r: 8, p: 1 };
/** What hashes written before PHC strings used: Node's scrypt defaults. */
const LEGACY_PARAMS: ScryptParams = { logN: 14, r: 8, p: 1 };
const KEY_LEN = 32;
// Each hash at OWASP strength holds 128 MiB; two at a time bound the memory a login flood can take.
const hashing = pLimit(2);

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** logN;
  return hashing(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, KEY_LEN, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/**
 * Hash a password with scrypt as a PHC string, `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (unpadded
 * base64), so the parameters travel with the hash and can be raised later (see needsRehash).
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = PASSWORD_PARAMS,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parse(stored: string): Parsed | null {
  const m = PHC.exec(stored);
  if (m) {
    const params = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    // Refuse parameters no hash of ours has, so a tampered row cannot ask for unbounded work.
    if (params.logN < 10 || params.logN > 20 || params.r > 32 || params.p > 4) return null;
    return { params, salt: Buffer.from(m[4]!, 'base64'), key: Buffer.from(m[5]!, 'base64') };
  }
  const [scheme, saltHex, keyHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !keyHex) return null;
  return { params: LEGACY_PARAMS, salt: Buffer.from(saltHex, 'hex'), key: Buffer.from(keyHex, 'hex') };
}

/** Constant-time check of a password against a PHC string (or a legacy `scrypt$salt$key` hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return parsed.key.length === key.length && timingSafeEqual(key, parsed.key);
}

/** True when a stored hash is weaker than PASSWORD_PARAMS (or legacy): rehash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    !PHC.test(stored) ||
    !parsed ||
    parsed.params.logN < PASSWORD_PARAMS.logN ||
    parsed.params.r < PASSWORD_PARAMS.r ||
    parsed.params.p < PASSWORD_PARAMS.p
  );
}

let dummy: Promise<string> | undefined;

/**
 * Verify against a hash of a random password: what a sign-in for an unknown email (or a user
 * without a password) does, so it takes as long as a wrong password for a real account.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
  return false;
}

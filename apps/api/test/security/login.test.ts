// Issue 14 finding 6: sign-in is throttled per account and per address with counters every API
// replica shares (PostgreSQL), unknown emails cost a real hash, passwords are stored as PHC strings at
// OWASP strength and old hashes are replaced on sign-in, and failed sign-ins land in the site chain.
// (The timing side — unknown email vs wrong password — is measured in `npm run bench -- security`.)
import { createNodeClient } from '@distillery/client/node';
import { hashPassword } from '@distillery/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LOGIN_LIMITS } from '../../src/modules/auth/login-throttle.ts';
import { startApi, type Api } from '../helpers/harness.ts';

let a: Api;
let b: Api;

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`;

/** POST signIn to `api` as if from `address` (the API trusts X-Forwarded-For from loopback only). */
async function signIn(api: Api, email: string, password: string, address = '203.0.113.7') {
  const client = createNodeClient({ url: api.url, headers: { 'x-forwarded-for': address } });
  const body = await client.execute(SIGN_IN, { e: email, p: password }, { retry: { attempts: 1 } });
  return { code: body.errors?.[0]?.extensions?.code ?? 'OK', message: body.errors?.[0]?.message ?? '' };
}

async function user(email: string, passwordHash?: string) {
  return a.db.prisma.user.create({
    data: { email, name: email, passwordHash: passwordHash ?? (await hashPassword('right-password')) },
  });
}

beforeAll(async () => {
  a = await startApi();
  // A second replica on the same database, with a small per-address limit so that limit is testable.
  b = await startApi(a.db, {
    loginLimits: { ...LOGIN_LIMITS, address: { failures: 4, windowSeconds: 3600, blockSeconds: 3600 } },
  });
});
afterAll(async () => {
  await b.server.stop();
  await a.close();
});

describe('password storage', () => {
  it('stores PHC strings at OWASP strength (scrypt N=2^17, r=8, p=1)', async () => {
    expect(await hashPassword('x')).toMatch(
      /^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  it('signs in with a legacy hash and replaces it with a PHC one', async () => {
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('hex')}$${scryptSync('old-password', salt, 32).toString('hex')}`;
    const u = await user('legacy@test.local', legacy);
    expect((await signIn(a, u.email, 'old-password')).code).toBe('OK');
    const after = await a.db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(after.passwordHash).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect((await signIn(a, u.email, 'old-password')).code).toBe('OK');
  });
});

describe('throttling', () => {
  it(`locks an account after ${LOGIN_LIMITS.account.failures} failures from any addresses, on every replica`, async () => {
    const u = await user('victim@test.local');
    for (let i = 0; i < LOGIN_LIMITS.account.failures; i++) {
      const api = i % 2 ? a : b;
      expect((await signIn(api, u.email, `guess-${i}`, `198.51.100.${i}`)).code).toBe('UNAUTHENTICATED');
    }
    // The right password no longer helps, on either replica, from a fresh address.
    for (const api of [a, b]) {
      const r = await signIn(api, u.email, 'right-password', '192.0.2.99');
      expect(r.code).toBe('RATE_LIMITED');
      expect(r.message).toMatch(/try again in \d+ s/);
    }
    // Another account is unaffected.
    const other = await user('bystander@test.local');
    expect((await signIn(a, other.email, 'right-password', '192.0.2.99')).code).toBe('OK');
    // A dozen OWASP-strength hashes: seconds each on a loaded 2-core machine.
  }, 180_000);

  it('blocks an address after its failures over many accounts (unknown ones included)', async () => {
    for (let i = 0; i < 4; i++)
      expect((await signIn(b, `nobody-${i}@test.local`, 'x', '203.0.113.50')).code).toBe('UNAUTHENTICATED');
    const real = await user('real@test.local');
    expect((await signIn(b, real.email, 'right-password', '203.0.113.50')).code).toBe('RATE_LIMITED');
    expect((await signIn(b, real.email, 'right-password', '203.0.113.51')).code).toBe('OK');
  });

  it('answers unknown emails exactly like wrong passwords', async () => {
    const u = await user('known@test.local');
    const wrong = await signIn(a, u.email, 'nope', '203.0.113.60');
    const unknown = await signIn(a, 'unknown@test.local', 'nope', '203.0.113.61');
    expect(unknown).toEqual(wrong);
    expect(wrong).toEqual({ code: 'UNAUTHENTICATED', message: 'email or password is wrong' });
  });
});

describe('audit', () => {
  it('writes every failed sign-in to the site chain, with the address and without the password', async () => {
    await signIn(a, 'audited@test.local', 'secret-guess', '203.0.113.77');
    const events = await a.db.prisma.auditEvent.findMany({
      where: { projectId: null, operation: 'signIn', outcome: 'FAILURE' },
    });
    const mine = events.find((e) => (e.args as { email?: string }).email === 'audited@test.local');
    expect(mine).toMatchObject({ actorKind: 'ANONYMOUS', errorCode: 'UNAUTHENTICATED' });
    expect(mine!.args).toEqual({ email: 'audited@test.local', address: '203.0.113.77' });
    expect(JSON.stringify(events.map((e) => e.args))).not.toContain('secret-guess');
  });
});
